"""Who said it: the reporting cue, the speaker, the addressee and the chain of intermediaries.

Works on a parsed spaCy ``Doc``: the cue is a reporting verb of the sentence (outside the quoted
words), the speaker its subject, the addressee its object of "told", and the intermediaries
the outlets that relay the words ("aides told Politico", "Politico reported that").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storyline.nlp.quoting.frames import noun_source
from storyline.nlp.words import word_set

REPORTING_VERBS = word_set(
    """
say tell add state claim argue insist warn ask accuse note explain write tweet post answer
announce declare reply respond continue recall acknowledge admit suggest believe think
hint predict promise urge describe deny confirm report allege complain concede contend
emphasize emphasise stress testify vow pledge joke quip remark observe maintain assert
boast lament proclaim reiterate counter mention recount shout whisper caution charge
estimate fear hope question wonder praise criticize criticise blame demand congratulate
thank chant sing yell scream cry exclaim mutter
"""
)
# Verbs that characterise what someone said or thinks by quoting their words: "called X
# “disgusting”", "dismissed Estonia as the “suburbs of St. Petersburg”".
CHARACTERISING_VERBS = word_set(
    """
call describe label brand dub term characterize characterise refer cite blast slam dismiss
attack mock hail laud applaud condemn denounce decry liken compare urge encourage threaten
rule deem accuse criticize criticise praise defend reject welcome invoke echo quote
"""
)
# Verbs that take the reported words as their complement ("X said (that) ...").
INDIRECT_VERBS = REPORTING_VERBS - {"ask", "thank", "congratulate", "praise", "question"}
# Attribution beyond speech, as PolNeAR and PARC annotate it: findings, beliefs, intentions
# and stances, each with where its content is in the parse.
# "A poll shows (that) …", "the panel found …": a clause.
FINDING_VERBS = word_set(
    "show find reveal indicate conclude determine know understand learn feel see expect agree "
    "decide consider predict ask question wonder assume doubt recognize recognise realize "
    "realise notice prove suspect"
)
# "Clinton wants to triple …", "urged voters to …": an infinitive (with its object, if any).
INTENT_VERBS = word_set(
    "want plan intend refuse decline pledge promise vow agree threaten seek hope expect urge "
    "encourage ask push tell decide offer propose prefer"
)
# "Clinton cited his remarks as …", "accused X of …": the object (and its "as/of/for" phrase).
STANCE_VERBS = word_set(
    "cite support criticize criticise attack question praise blame reject oppose welcome deny "
    "condemn denounce applaud endorse defend dismiss accuse mention discuss propose offer "
    "describe call back favor favour admire respect recommend dispute challenge tout highlight "
    "consider rate"
)
# Nouns for documents and studies that can be a source: "a poll shows", "the memo says".
SOURCE_NOUNS = word_set(
    """poll polls survey surveys report reports study studies analysis data memo letter
    statement ad advertisement campaign document documents filing complaint lawsuit ruling
    transcript tweet post video record records research review audit investigation estimate
    forecast projection model article editorial book email emails"""
)
# What may follow the object of a stance verb: "called X “Y”", "accused X of Y".
STANCE_AFTER = frozenset(["as", "of", "for"])
# "called for a moratorium", "spoke of the legacy …": the object of a preposition.
PREPOSITION_CUES = {
    "call": ("for", "on"),
    "speak": ("of", "about"),
    "talk": ("about",),
    "complain": ("about",),
    "warn": ("of", "about", "against"),
    "point": ("to",),
    "respond": ("to",),
    "refer": ("to",),
    "comment": ("on",),
    "insist": ("on",),
    "argue": ("for", "against"),
    "react": ("to",),
}
# Nouns that make an unnamed source: "an aide to the chancellor", "two officials".
ANONYMOUS_NOUNS = word_set(
    """
official officials aide aides spokesman spokeswoman spokesperson source sources diplomat
diplomats adviser advisers advisor advisors person people insider insiders member
members analyst analysts observer observers representative representatives minister
ministers staffer staffers lawmaker lawmakers officer officers expert experts associate
associates ally allies confidant
"""
)
PRONOUNS = frozenset(["he", "she", "they", "i", "we", "it", "him", "her", "them"])
# Outlets are organisations whose words are relayed, not said: "told Politico".
OUTLET_WORDS = word_set(
    """
reuters ap afp politico bbc cnn nbc cbs abc fox npr bloomberg axios guardian times post
journal telegraph tass xinhua interfax aljazeera al-jazeera newspaper agency television
radio magazine tribune herald courier gazette chronicle ledger wire news press review
sentinel daily weekly
"""
)


@dataclass
class Attribution:
    """What the sentence around a quotation says about it."""

    cue: Token | None = None
    speaker: Span | None = None
    addressee: Span | None = None
    via: list[str] = field(default_factory=list)


def reporting_verbs(sent: Span, outside: tuple[int, int] | None = None) -> list[Token]:
    """Reporting verbs of a sentence, skipping those inside the quoted characters."""
    verbs = []
    for token in sent:
        if token.lemma_.lower() not in REPORTING_VERBS or token.pos_ not in ("VERB", "AUX"):
            continue
        if outside and outside[0] <= token.idx < outside[1]:
            continue
        verbs.append(token)
    return verbs


def nearest_cue(
    sent: Span, start: int, end: int, allowed: Callable[[Token], bool] | None = None
) -> Token | None:
    """The reporting verb that governs the quoted characters, else the nearest one outside them
    (only among the verbs ``allowed`` accepts, if given)."""
    verbs = reporting_verbs(sent, (start, end))
    if allowed is not None:
        verbs = [v for v in verbs if allowed(v)]
    if not verbs:
        return None
    inside = [t for t in sent if start <= t.idx < end]
    roots = [t for t in inside if not start <= t.head.idx < end]
    governing = [v for v in verbs if any(v in r.ancestors or v == r.head for r in roots)]
    if governing:
        chosen = max(governing, key=lambda v: len(list(v.ancestors)))  # the innermost clause
        # "“…,” Sanders said, suggesting …: “…”": a reporting verb between the governing one
        # and the quotation is the quotation's own cue
        between = [v for v in verbs if chosen.idx < v.idx < start or end <= v.idx < chosen.idx]
        if between:
            return min(between, key=lambda v: v.idx - end if v.idx >= end else start - v.idx)
        return chosen

    def distance(token: Token) -> int:
        return token.idx - end if token.idx >= end else start - token.idx + 1

    return min(verbs, key=distance)


def subject_of(verb: Token) -> Span | None:
    """The subject of a verb as a span: its whole noun phrase, without relative clauses."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if is_dateline(child):  # "BAGHDAD — Arab governments … decided": the apposition
                apposed = [c for c in child.children if c.dep_ == "appos"]
                return _phrase(apposed[0]) if apposed else None
            return _phrase(child)
    if verb.dep_ in ("conj", "xcomp", "ccomp", "advcl", "acomp") and verb.head.i != verb.i:
        return subject_of(verb.head)
    if verb.dep_ == "acl" and verb.head.pos_ == "PROPN" and verb.head.i < verb.i:
        return _phrase(verb.head)  # "Trump called Machado …" misparsed as a name with a clause
    return None


def is_dateline(token: Token) -> bool:
    """Whether a word is a dateline: a capitalised place opening a paragraph before a dash."""
    doc = token.doc
    opens = token.i == 0 or "\n" in doc[token.i - 1].text_with_ws
    dash = token.i + 1 < len(doc) and doc[token.i + 1].text in ("—", "–", "-", "--")
    return opens and dash and token.text.isupper() and len(token.text) > 1


def antecedent_phrase(subject: Span) -> Span | None:
    """What a relative pronoun subject stands for: "the league, which warned …" → the league."""
    root = subject.root
    if len(subject) == 1 and root.lower_ in ("who", "which", "that") and root.head.dep_ == "relcl":
        return _phrase(root.head.head)
    return None


def _phrase(head: Token) -> Span:
    """A noun phrase: the head and its left modifiers, plus ``of``/``to`` attachments."""
    keep = [t for t in head.subtree if t.dep_ not in ("relcl", "acl", "punct", "appos", "cc")
            and not any(a.dep_ in ("relcl", "acl", "appos") for a in t.ancestors
                        if a.i != head.i and head in a.ancestors)]  # fmt: skip
    keep = keep or [head]
    first = min(t.i for t in keep)
    last = max(t.i for t in keep)
    return head.doc[first : last + 1]


def addressee_of(verb: Token) -> Span | None:
    """To whom: the object of "tell", or the object of "to" after another reporting verb."""
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj") and verb.lemma_ == "tell":
            return _phrase(child)
        if child.dep_ == "prep" and child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
    return None


def is_outlet(span: Span | None) -> bool:
    """Whether a phrase names a news outlet (an organisation that relays words)."""
    if span is None:
        return False
    words = {_bare(t.lower_) for t in span}
    return bool(words & OUTLET_WORDS) or (
        span.root.ent_type_ == "ORG" and any(t.lower_ in ("news", "press", "media") for t in span)
    )


def _bare(word: str) -> str:
    """A word without its possessive ending: "reuters'" / "politico's" → "reuters" / "politico"."""
    for ending in ("'s", "’s", "'S", "’S"):
        word = word.removesuffix(ending)
    return word.rstrip("'’")


def relays(sent: Span) -> list[str]:
    """Outlets that the sentence says reported it: "Politico reported that …", "…, according
    to Politico"."""
    found = []
    for token in sent:
        if token.lemma_ == "report" and token.pos_ == "VERB":
            subject = subject_of(token)
            if subject is not None and (is_outlet(subject) or subject.root.ent_type_ == "ORG"):
                found.append(subject.text)
        if token.lower_ == "according" and token.i + 1 < sent.end:
            after = token.doc[token.i + 1]
            objects = (
                [c for c in after.children if c.dep_ == "pobj"] if after.lower_ == "to" else []
            )
            if objects and is_outlet(_phrase(objects[0])):
                found.append(_outlet_name(_phrase(objects[0])))
    return found


def attribute(
    doc: Doc, sent: Span, start: int, end: int, allowed: Callable[[Token], bool] | None = None
) -> Attribution:
    """Cue, speaker, addressee and intermediaries of the quotation at ``start``–``end`` (the cue
    among the reporting verbs ``allowed`` accepts, if given)."""
    cue = nearest_cue(sent, start, end, allowed)
    if cue is None:
        return Attribution(via=relays(sent))
    return from_cue(sent, cue)


def from_cue(sent: Span, cue: Token) -> Attribution:
    """Speaker, addressee and intermediaries of the words a reporting verb reports."""
    speaker = subject_of(cue) or _named_after(cue)
    if speaker is None and cue.pos_ == "NOUN":  # "Trump's claim that …"
        speaker = noun_source(cue)
    addressee = addressee_of(cue)
    via = relays(sent)
    if is_outlet(addressee) and addressee is not None:
        via.append(_outlet_name(addressee))
        # "told Reuters' Jane Ortiz": the person, whether the parse put her inside the outlet's
        # phrase or beside it as a second object
        others = [c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i > addressee.end]
        addressee = _person_in(addressee) or next(
            (_phrase(c) for c in others if c.ent_type_ == "PERSON"), None
        )
    if speaker is not None:  # "Politico reported that …": Politico is the source, not a relay
        via = [v for v in via if v != speaker.text]
    return Attribution(cue, speaker, addressee, via)


def _named_after(cue: Token) -> Span | None:
    """ "Said Ellis: …", "said Robert McAtee, one of …": a name right after a subjectless cue."""
    doc = cue.doc
    if cue.i + 1 < len(doc) and doc[cue.i + 1].ent_type_ in ("PERSON", "ORG", "NORP"):
        end = cue.i + 2
        while end < len(doc) and doc[end].ent_iob_ == "I":  # the rest of the same entity
            end += 1
        return doc[cue.i + 1 : end]
    return None


def _outlet_name(span: Span) -> str:
    """ "Reuters' Jane Ortiz" → "Reuters"; "Politico" → "Politico"."""
    for token in span:
        if token.dep_ == "poss":
            return _bare(span.doc[token.left_edge.i : token.i + 1].text)
    return span.text


def _person_in(span: Span) -> Span | None:
    """The person in "Reuters' Jane Ortiz", if any."""
    for token in span:
        if token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
            if _bare(token.lower_) in OUTLET_WORDS:
                continue  # "Politico" tagged as a person
            end = token.i + 1
            while end < span.end and span.doc[end].ent_iob_ == "I":
                end += 1
            return span.doc[token.i : end]
    return None


def can_be_source(subject: Span | None) -> bool:
    """Whether a subject can hold views or make statements: a person, group, organisation or
    country; a personal pronoun; an unnamed source ("officials"); a document ("the poll")."""
    if subject is None:
        return False
    root = subject.root
    return (
        root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or root.lower_ in ("he", "she", "they", "we", "i", "you")
        or root.lemma_.lower() in ANONYMOUS_NOUNS
        or root.lower_ in ANONYMOUS_NOUNS
        or root.lemma_.lower() in SOURCE_NOUNS
    )


def speaker_kind(speaker: Span | None, named: bool) -> str:
    """named | anonymous | unknown."""
    if named:
        return "named"
    if speaker is not None and speaker.root.lemma_.lower() in ANONYMOUS_NOUNS:
        return "anonymous"
    if speaker is not None and speaker.root.lower_ in ANONYMOUS_NOUNS:
        return "anonymous"
    return "unknown"
