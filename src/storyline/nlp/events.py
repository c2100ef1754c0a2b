"""The events stage: who did what to whom, when, and on whose word (issue "Events").

Every verbal predicate and every nominal predicate the lexicon knows (``the withdrawal of
troops``, ``a falling-out``, ``its launch``) becomes a candidate. The lexicon
(:mod:`storyline.nlp.eventing.lexicon`) codes it with a PLOVER type, mode, CAMEO root and
intensity; a light verb (``launched an attack``) hands its subject to its object noun when
that noun is coded (``announced the launch`` stays two events). The parse gives the
arguments — subject (shared by conjoined verbs, open complements, non-finite adverbial
clauses: ``unveiled it, saying``; the object of a control verb: ``prompted Apple to sue``; the
noun of a relative pronoun), agent, objects, prepositional objects, possessors (also of the
noun an event noun hangs from: ``Jobs' third period of leave``) and demonyms — and the
entities stage's mentions (names, descriptions, demonyms, pronouns) turn them into entity ids.
A predicate the lexicon does not code — a verb, or a noun it lists as ``OTHER`` (``sales``,
``bankruptcy``) — is kept as ``OTHER`` (its lemma as ``mode``) when an entity takes part in
it, so that timelines cover business news too. Bleached verbs (copulas, ``take``, ``show``)
are no events unless a particle makes them another predicate (``took over``); reporting
verbs (``said``, ``described``) are events of their speaker only: kept when an entity is
their subject, while the quotation stage keeps what was said.

Modality, strongest first: ``negated`` (``did not attack``, ``refused to meet``, ``no
agreement``), ``hypothetical`` (``could act``, an ``if`` clause), ``future`` (``will visit``,
``is expected to visit``, ``plans to``, a date after publication), ``claimed`` (inside a
quotation or reported speech: ``quote`` and ``source`` name it), else ``asserted``. A negated,
hypothetical or future event inside a quote still names its quote and source.

The date is the event's own, from the time stage (:func:`storyline.nlp.times.dating`): a time
expression that modifies the predicate's clause, else ``date: None`` and the publication date
as an upper bound (``before``) — never the publication date itself.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from storyline.model import Document, Entity, Event, Quote, Span
from storyline.nlp.eventing.lexicon import (
    CONTEXT_WORDS,
    OTHER,
    PLOVER_TYPES,
    RECIPROCAL,
    Code,
    Lexicon,
    cameo_of,
    context_of,
    default_lexicon,
    intensity,
)
from storyline.nlp.stages import Stage
from storyline.nlp.times import dating
from storyline.nlp.words import word_set

# Verbs that are not events of their own: copulas, reporting verbs (events only of a speaking
# entity: see REPORTING; the quotation stage covers what is said), and verbs too bleached to
# tell a user anything.
NOT_EVENTS = word_set(
    "be have do say tell add note explain state report quote write comment remark reply answer"
    " describe mean seem appear become get go come take make include continue remain keep"
    " let need want try use know think believe see look feel find put show expect plan"
    " intend schedule prepare aim hope wish consider"
)
# Governing verbs whose complement has not happened yet.
FUTURE_GOVERNORS = word_set(
    "plan expect intend schedule set due prepare aim agree promise pledge vow threaten want"
    " hope seek try decide propose offer wish consider mean going"
)
NEGATING_GOVERNORS = word_set("refuse decline fail reject deny avoid stop cease halt")
FUTURE_AUX = word_set("will shall 'll wo")
HYPOTHETICAL_AUX = word_set("could might may would should can ca must")
CONDITIONAL_MARKS = word_set("if unless whether")
NEGATIONS = word_set("not n't never no nor without")
SUBJECTS = frozenset(("nsubj", "csubj", "expl"))
OBJECTS = frozenset(("dobj", "obj", "dative", "attr", "oprd"))
# Prepositions whose object is on the receiving end of an event.
RECIPIENT_PREPS = word_set("against on upon with to at toward towards into over for from")
ARGUMENT_CORE = frozenset(("compound", "amod", "poss", "nmod", "appos", "nummod", "det"))
CLAUSE_BOUNDARY = frozenset(
    ("ccomp", "advcl", "relcl", "conj", "parataxis", "punct", "cc", "mark", "xcomp", "acl")
)
GENERIC_HEADS = word_set(
    "call message letter note telegram phone statement effort bid attempt campaign drive"
    " mission initiative"
)
PARTICLES = word_set("back out off down up away")
MILITARY_STRIKE = word_set("air drone missile rocket military naval artillery aerial")
# Nouns that make "attacked" a verbal attack (PLOVER ACCUSE) rather than an assault.
VERBAL_TARGETS = word_set(
    "policy plan remark comment statement decision proposal idea speech record stance"
    " position claim report law bill handling approach leadership"
)
# Reporting verbs: events of their own when an entity is the one speaking ("Jobs said").
REPORTING = word_set(
    "say tell add note explain state report quote write comment remark reply answer describe"
)
# Verbs whose object is the subject of their open complement ("urged Iran to withdraw").
OBJECT_CONTROL = word_set(
    "ask urge prompt force persuade tell allow permit order invite encourage cause lead help"
    " enable require advise instruct compel oblige press pressure call authorize authorise"
    " forbid convince push inspire get want expect need"
)
MENTIONS_LOOKED_BACK = 8
CIVILIANS = word_set(
    "worker protester demonstrator student activist farmer resident villager teacher"
    " employee miner driver trucker crowd people union striker marcher youth"
)
ANONYMITY_VERBS = word_set("ask request decline refuse want demand")
COMMISSIVES = word_set("vow pledge promise swear")
STATE_NOUNS = word_set(
    "police army troop soldier force government authority official military ministry"
    " regime policeman guard"
)
PLACE_NOUNS = word_set(
    "town city village stronghold territory base airport hill area position region port"
    " province district border capital outpost"
)
# What kills or destroys without anyone doing it: no ASSAULT ("the earthquake killed 200",
# "were killed in a car crash").
MISHAPS = word_set(
    "accident crash collision derailment storm hurricane typhoon cyclone tornado earthquake"
    " quake tsunami flood flooding fire wildfire blaze landslide mudslide avalanche eruption"
    " heatwave lightning disease illness virus coronavirus covid pandemic epidemic outbreak"
    " infection cancer overdose drowning"
)
# What makes a fire gunfire: "sniper fire", "artillery fire".
GUNFIRE = word_set("sniper artillery gun machine-gun rocket mortar tank enemy cross live heavy")
# What rallies on a market: "stocks rallied", "oil prices rallied".
MARKETS = word_set(
    "stock share price market index oil currency dollar euro yen pound bond equity future"
    " gold commodity"
)
# Whose release is a RETREAT even in the plural: "prisoner releases".
CAPTIVES = word_set("prisoner hostage detainee captive inmate")
# What a delivery is aid of (CAMEO 07): "delivered food", not "delivered a speech".
DELIVERED_AID = word_set(
    "aid assistance relief food supply medicine medication vaccine dose water fuel tent"
    " blanket weapon arm ammunition equipment missile tank shipment cargo grain fund money"
    " drug help ration"
)
# Subjects that can back no one: "the findings support the hypothesis", "may support life".
INANIMATE = word_set(
    "finding evidence data result study research analysis observation experiment model theory"
    " hypothesis poll survey statistic fact paper test measurement simulation"
    " sample planet star environment condition level hardware software system version"
    " platform device program code feature file format browser tool app library structure"
    " technology infrastructure network machine engine"
)
# What is published, not let go, when it is released ("released his tax returns", "the
# release of the album"): CAMEO 084 releases persons or property held.
PUBLISHED = word_set(
    "statement report record return document data file video album song film movie game"
    " version update software product result figure list information detail photo image"
    " footage recording transcript letter memo book tape text message email stock share"
    " statistic finding study paper trailer single episode edition release app model phone"
    " device name note poll survey plan schedule guideline rule audio clip content"
    " code source feature"
)
CUSTODY = word_set("jail prison custody detention captivity")
# What a candidate seeks ("sought re-election"): running, not requesting.
CANDIDACY = word_set(
    "election reelection re-election nomination office term seat presidency post role"
    " position spotlight candidacy"
)
PERSONAL_OBJECTS = word_set("me you him her us them")
# Who the press is: speaking to them is an interview, not a consultation.
PRESS = word_set(
    "reporter journalist press media correspondent newspaper interviewer broadcaster outlet"
    " station magazine wikinews"
)
# Who can be held back from doing something (COERCE restrict), besides named entities.
PEOPLE = word_set(
    "people person citizen resident voter user worker journalist reporter protester"
    " demonstrator student activist refugee migrant immigrant woman man child member"
    " official lawmaker candidate opposition party foreigner employee consumer youth"
    " them us him her"
)
# What an offer is an offer of when the verb alone codes it (CAMEO 03): help, money, terms.
OFFERED = word_set(
    "help aid support assistance money fund dollar reward compensation asylum refuge shelter"
    " protection concession deal proposal plan guarantee solution resignation apology loan"
    " investment cooperation mediation talk troop force peacekeeper million billion"
)
# What is proposed at home, not offered to another party: "proposed a bill".
LEGISLATIVE = word_set(
    "bill law amendment legislation budget change reform rule regulation tax solution"
    " approach idea measure policy motion name design method model theory"
)
# What is met without meeting anyone: "meet the needs", "met the deadline".
NEEDS = word_set(
    "need requirement target goal standard criterion deadline expectation obligation"
    " threshold quota challenge cost"
)
# What a grant gives when it is aid (CAMEO 07); a pardon granted is a concession.
GRANTED_AID = word_set(
    "aid money fund loan grant asylum assistance relief credit subsidy scholarship million billion"
)
# Whom a host receives (CAMEO 043), besides named people, groups and countries.
VISITORS = word_set(
    "delegation visitor guest envoy minister president leader ambassador king queen prince"
    " princess pope counterpart official delegate emissary chancellor premier secretary"
)
# Places on the web or for private errands: visiting them is no diplomatic visit.
NOT_VISITED = word_set("page site website link homepage url shrine museum polling")
# Animals: killing them is no assault.
ANIMALS = word_set(
    "animal pet dog cat bird jackal elephant cow cattle chicken fish horse sheep goat pig"
    " wolf bear deer monkey rat mouse lion tiger whale shark rhino"
)
# Whom or what one fights in combat, besides a named party: a war, rebels, troops ("fought a war";
# not "fight against DRM", "fight the virus").
FOUGHT = word_set("war battle insurgency rebel militant force troop army soldier fighter")
# What makes a release a version: "the next release", "a minor release".
NEW_VERSION = word_set("next new latest minor major upcoming stable beta final initial")
# Whom one disarms when it is no retreat: "disarmed a shooter".
ASSAILANTS = word_set("shooter gunman attacker assailant suspect robber man woman")
WH_WORDS = word_set("what who whom whose which why how when where whether if")
# Announced, refused or demanded events (see _stance).
INTENT_AUX = word_set("will shall 'll wo would")
DEONTIC_AUX = word_set("must should")
POSSIBLE_AUX = word_set("may might could")
PERSONAL_PRONOUNS = word_set("i you he she we they")
# What can be deployed as a show of force (with the military context words).
ARMED = CONTEXT_WORDS["military"] | word_set(
    "police officer personnel guard peacekeeper unit ship vessel warship aircraft plane"
    " fighter bomber submarine carrier battery brigade division regiment marine"
    " paratrooper reservist reinforcement"
)
# Verbs whose "to" or "on" names who did their object's act, not who receives it.
ATTRIBUTING = word_set("attribute ascribe blame pin link tie trace")
# Verbs whose "to" is not whom the object goes to ("lost the nomination to Clinton").
NOT_GIVING = ATTRIBUTING | word_set("lose")
OFFERS = word_set("offer")  # light verbs whose object is only offered: AGREE (CAMEO 03)
# What an offer is an intent to do: aid, concessions, a retreat, talks, cooperation, a deal
# ("offered an endorsement", "offered condolences" are the act itself).
OFFERED_TYPES = frozenset(("AID", "CONCEDE", "RETREAT", "CONSULT", "COOPERATE", "AGREE"))
INTENT_GOVERNORS = word_set(
    "plan intend want hope try decide aim prepare swear ready prepared willing determined"
    " resolve poised eager"
)
COOPERATIVE = frozenset(("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"))
CONFLICTUAL = frozenset(
    ("ACCUSE", "REJECT", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
)
REJECT_MODES = {"AID": "assist", "COOPERATE": "assist", "CONSULT": "meet", "AGREE": "meet",
                "CONCEDE": "yield", "RETREAT": "yield"}  # fmt: skip
REQUEST_MODES = {"AID": "assist", "COOPERATE": "assist", "CONSULT": "meet", "AGREE": "meet",
                 "CONCEDE": "yield", "RETREAT": "yield"}  # fmt: skip
CONFIDENCE_CODED = 0.75
CONFIDENCE_NOUN = 0.6
CONFIDENCE_OTHER = 0.4


@dataclass
class _Arguments:
    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)


class _Context:
    """What coding a predicate needs from the document, built once per document."""

    def __init__(self, doc: Doc, document: Document, lexicon: Lexicon) -> None:
        self.doc = doc
        self.document = document
        self.text = document.text
        self.lexicon = lexicon
        spans: list[tuple[int, int, Entity, str]] = []
        for entity in document.entities:
            spans.extend((m.start, m.end, entity, m.kind) for m in entity.mentions)
        spans.sort(key=lambda s: (s[0], -s[1]))
        self.mentions = spans
        self.starts = [s[0] for s in spans]
        self.named = {e.id: e for e in document.entities}
        self.quotes = sorted(
            (q for q in document.quotes if q.kind != "mention"), key=lambda q: q.end - q.start
        )
        self.sentence_of = {s.start: i for i, s in enumerate(doc.sents)}
        times = sorted((t.start, t.end) for t in document.times)
        self.time_starts = [t[0] for t in times]
        self.time_ends = [t[1] for t in times]
        self.consumed: set[int] = set()  # object nouns a verb event already coded

    def entity_at(self, token: Token) -> Entity | None:
        """The entity one of whose mentions covers the token."""
        found = self._mention_at(token.idx)
        return found[2] if found is not None else None

    def in_name(self, token: Token) -> bool:
        """Whether the token is part of a name (the "Support" of an organisation's name)."""
        found = self._mention_at(token.idx)
        return found is not None and found[3] == "name"

    def _mention_at(self, at: int) -> tuple[int, int, Entity, str] | None:
        i = bisect_right(self.starts, at) - 1
        for _ in range(MENTIONS_LOOKED_BACK):  # mentions are short and rarely nest
            if i < 0:
                break
            mention = self.mentions[i]
            if mention[0] <= at < mention[1]:
                return mention
            i -= 1
        return None

    def in_time(self, token: Token) -> bool:
        """Whether the token is part of a time expression ("March" the month)."""
        i = bisect_right(self.time_starts, token.idx) - 1
        return i >= 0 and token.idx < self.time_ends[i]

    def quote_at(self, start: int, end: int) -> Quote | None:
        """The innermost quotation or reported speech whose content holds the span."""
        return next((q for q in self.quotes if q.start <= start and end <= q.end), None)


def _particles(token: Token) -> list[str]:
    """The particles and prepositions a verb can be looked up with ("pull out", "call for")."""
    return [
        c.lower_
        for c in token.children
        if (c.dep_ in ("prt", "prep") or (c.dep_ == "advmod" and c.lower_ in PARTICLES))
        and not any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in c.children)
    ]  # not "called off its search on Tuesday" as "call on"


def code_verb(lexicon: Lexicon, token: Token) -> tuple[Code | None, Token | None]:
    """The code of a verb, and the object noun the code was chosen by (if any).

    Keys are tried from the most to the least specific: verb (and particle) with its object
    ("call off ~strike", "impose ~sanction"), or with the object's modifier when the object is
    a general word ("ended mediation efforts" → "end ~mediation", "violating the ceasefire
    agreement" → "violate ~ceasefire"); verb with a gerund ("stopped speaking"); verb with
    its particle or preposition ("pull out", "call for"); the verb alone.
    """
    lemma = token.lemma_.lower()
    heads = [f"{lemma} {p}" for p in _particles(token)] + [lemma]
    for child in token.children:
        if child.dep_ not in ("dobj", "obj", "nsubjpass"):
            continue
        words = [child.lemma_.lower()]
        words += [c.lemma_.lower() for c in child.children if c.dep_ in ("compound", "amod")]
        words += [c.lemma_.lower() for c in child.children if c.dep_ == "pcomp"]
        for head in heads:
            for word in words:
                found = lexicon.verb(f"{head} ~{word}")
                if found is not None:
                    return found, child
    for child in token.children:
        if child.dep_ == "xcomp" and child.tag_ == "VBG":  # "stopped speaking to him"
            found = lexicon.verb(f"{lemma} ~{child.lemma_.lower()}")
            if found is not None:
                return found, child
    for head in heads:
        found = lexicon.verb(head)
        if found is not None:
            return found, None
    return None, None


def _prep_objects(token: Token, *prepositions: str) -> list[Token]:
    """The objects (:func:`_pobjs`) of a word's prepositions ``prepositions`` ("spoke *to
    reporters*"), the passive's "by" among them ("killed *by sniper fire*")."""
    return [o for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ in prepositions
            for o in _pobjs(c)]  # fmt: skip


def _with_compounds(head: Token) -> tuple[Token, ...]:
    """A noun and the nouns compounded with it ("car crash", "tax returns")."""
    return (head, *(c for c in head.children if c.dep_ == "compound"))


def _publication(token: Token) -> bool:
    """Whether the noun "release" is publishing, not a RETREAT: a press release, the release
    of documents, "all releases" (not "prisoner releases"), its date, "the next release"."""
    children = list(token.children)
    plural = token.tag_ == "NNS" and not any(
        w.lemma_.lower() in CAPTIVES
        for w in (*(c for c in children if c.dep_ == "compound"), *_prep_objects(token, "of"))
    )
    return (
        plural
        or any(c.lower_ in ("press", "news") for c in children)
        or any(o.lemma_.lower() in PUBLISHED for o in _prep_objects(token, "of"))
        or token.head.lemma_.lower() in ("date", "day")
        or any(c.dep_ == "compound" and c.lemma_.lower() in PUBLISHED for c in children)
        or any(c.dep_ == "amod" and c.lower_ in NEW_VERSION for c in children)
    )


def noun_key(lexicon: Lexicon, token: Token) -> Code | None:
    """The code of a nominal predicate, compounds first ("hunger strike", "air strike")."""
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.i == token.i - 1:
            found = lexicon.noun(f"{child.lower_} {lemma}") or lexicon.noun(
                f"{child.lower_}-{lemma}"
            )
            if found is not None:
                return found
    if lemma in GENERIC_HEADS:  # "a congratulation call": the modifier is the event
        for child in token.children:
            if child.dep_ == "compound":
                found = lexicon.noun(child.lemma_.lower())
                if found is not None:
                    return found
    if lemma == "arrest" and any(
        c.lower_ in ("cardiac", "respiratory", "heart") for c in token.children
    ):
        return None  # a cardiac arrest
    if lemma == "request" and any(c.lower_ in ("pull", "merge") for c in token.children):
        return None  # a pull request is code for review
    if lemma == "release" and _publication(token):
        return None  # a press release, the release of documents, "the next release"
    if lemma == "protest" and any(
        c.lower_ in ("official", "formal", "diplomatic") for c in token.children
    ):
        return Code("ACCUSE", "disapprove", "11")  # lodged an official protest
    if lemma == "strike":  # a strike from the air, or workers' strike
        words = {c.lemma_.lower() for c in token.children}
        if words & MILITARY_STRIKE:
            return lexicon.noun("strike")
        return Code("PROTEST", "strike", "14")
    return lexicon.noun(lemma) or lexicon.noun(token.lower_)


def find_events(doc: Doc, document: Document, lexicon: Lexicon | None = None) -> list[Event]:
    """Every event of an analysed document, in text order, with ids ``v1`` …"""
    ctx = _Context(doc, document, lexicon or default_lexicon())
    repair_lemmas(doc, ctx.lexicon)
    events: list[Event] = []
    for index, sent in enumerate(doc.sents):
        verbs = [t for t in sent if t.pos_ == "VERB"]
        nouns = [t for t in sent if t.pos_ == "NOUN" and not ctx.in_time(t)]
        for token in verbs + nouns:
            event = _event(ctx, token, index, force=False)
            if event is None:
                continue
            stance = _stance(ctx, token, event)
            if stance is not None:
                events.append(stance)  # before the event: the sort below keeps the order
            events.append(event)
    events.sort(key=lambda e: e.trigger.start)
    for number, event in enumerate(events, 1):
        event.id = f"v{number}"
    return events


LEMMAS_REPAIRED = "storyline.events.lemmas_repaired"  # Doc.user_data flag


def repair_lemmas(doc: Doc, lexicon: Lexicon) -> None:
    """Mend the model's lemma of a past or third-person form of a verb ending in "e" that it
    reads as another word ("staged" → "stag", "fined" → "fin", "raped" → "rap"): when the
    lexicon knows the verb with the "e" and not the word without it, and the form is that
    verb's ("stage" + "d"), the lemma becomes the verb. Once per Doc."""
    if doc.user_data.get(LEMMAS_REPAIRED):
        return
    doc.user_data[LEMMAS_REPAIRED] = True
    known = lexicon.verb_lemmas
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma in known or lemma + "e" not in known:
            continue
        if token.lower_ in (lemma + "ed", lemma + "es"):
            token.lemma_ = lemma + "e"


def event_at(doc: Doc, document: Document, start: int, end: int) -> Event:
    """The event coded for the predicate at ``start``–``end`` (``OTHER`` when not in the
    lexicon), with arguments, modality and date read from its context. For scoring against
    gold event mentions and for callers that already know where a predicate is."""
    ctx = _Context(doc, document, default_lexicon())
    repair_lemmas(doc, ctx.lexicon)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        raise ValueError(f"no token at {start}-{end}")
    token = span.root
    index = ctx.sentence_of.get(token.sent.start, 0)
    event = _event(ctx, token, index, force=True)
    assert event is not None
    event.id = "v?"
    return event


def _event(ctx: _Context, token: Token, index: int, force: bool) -> Event | None:
    if (ctx.in_name(token) or token.i in ctx.consumed) and not force:
        return None
    if _anonymity(token) and not force:
        return None  # "an official who asked not to be named": how a source is kept anonymous
    noun = token.pos_ != "VERB"
    lemma = token.lemma_.lower()
    code: Code | None
    reporting = False
    if noun:
        code = noun_key(ctx.lexicon, token)
        if code is None and not force:
            return None
        if code is not None and code.type == OTHER:
            code = None  # an event noun PLOVER does not code ("its launch"): kept as OTHER
    else:
        if _is_light(ctx, token) and not force:
            return None  # the object noun is the event
        code, chosen = code_verb(ctx.lexicon, token)
        if chosen is not None:
            ctx.consumed.add(chosen.i)
        reporting = code is None and lemma in REPORTING
        phrasal = any(c.dep_ == "prt" for c in token.children)  # "took over", "showed off"
        if code is None and lemma in NOT_EVENTS and not (reporting or phrasal or force):
            return None
    args = _arguments(ctx, token, noun)
    if reporting and not args.actor and not force:
        return None  # a statement is an event of its speaker only
    code = _refine(ctx, token, code, args)
    if code is None or (code.needs and not _needs_met(ctx, token, code, args)):
        if not (args.actor or args.recipient or args.participants) and not force:
            return None
        code = None
    kind = code.type if code is not None else OTHER
    mode = code.mode if code is not None else lemma
    if kind in RECIPROCAL and len(args.actor) >= 2 and not args.recipient:
        args.recipient = list(args.actor)
    if (code is not None and noun and not (args.actor or args.recipient) and not force
            and _governing_verb(token) is None):  # fmt: skip
        return None  # "a deal" with nobody in it, and no verb that does it

    document = ctx.document
    end = token.idx + len(token.text)
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.dep_ == "prt" and following.head.i == token.i:
        end = following.idx + len(following.text)  # "turned down", "pulled out"
    trigger = Span(token.idx, end, ctx.text[token.idx : end])
    when = dating(document, trigger.start, trigger.end, doc=ctx.doc)
    granularity = next((t.granularity for t in document.times if t.id == when.time), None)
    quote = ctx.quote_at(trigger.start, trigger.end)
    modality = _modality(token, when.date, document.published, quote)
    confidence = CONFIDENCE_OTHER if code is None else CONFIDENCE_NOUN if noun else CONFIDENCE_CODED
    if code is not None and not (args.actor and (args.recipient or kind in RECIPROCAL)):
        confidence -= 0.15
    return Event(
        id="",
        type=kind,
        trigger=trigger,
        lemma=lemma,
        mode=mode,
        context=_context(token) if code is not None else None,
        cameo=code.cameo if code is not None else None,
        intensity=intensity(kind, mode) if code is not None else None,
        actor=args.actor,
        recipient=args.recipient,
        participants=args.participants,
        time=when.time,
        date=when.date,
        granularity=granularity,
        before=None if modality in ("future", "hypothetical") else when.before,
        modality=modality,
        sentence=index,
        quote=quote.id if quote is not None else None,
        source=quote.speaker if quote is not None else None,
        source_text=quote.speaker_text if quote is not None else None,
        confidence=round(confidence, 2),
    )


def _anonymity(token: Token) -> bool:
    """The formula that keeps a source anonymous, not an event: "asked not to be named",
    "requested anonymity", "declined to be identified"."""
    lemma = token.lemma_.lower()
    if lemma not in ANONYMITY_VERBS:
        return False
    for child in token.children:
        if child.dep_ == "xcomp" and child.lemma_.lower() in ("name", "identify", "quote"):
            return True
        if child.dep_ == "dobj" and child.lemma_.lower() == "anonymity":
            return True
    return False


def _context(token: Token) -> str | None:
    """The PLOVER context of a coded event: the one whose words its sentence uses most
    ("troops", "missile": military; "tariff", "loan": economic; "court": legal)."""
    return context_of([t.lemma_.lower() for t in token.sent])


def _stance(ctx: _Context, token: Token, event: Event) -> Event | None:
    """The verbal act PLOVER codes when an event is announced, refused or demanded rather
    than done: "will support" is an AGREE (an expressed intent), "would boycott ... unless"
    and "will attack" a THREATEN, "will not accept" or "failed to reach" a REJECT, and "X
    said Y must withdraw" a REQUEST by X. The event itself stays, with its own modality
    (future, negated, hypothetical); this one is what was said or done now."""
    if event.type not in PLOVER_TYPES:
        return None
    chain = _modal_chain(token)
    lexicon = ctx.lexicon
    negated = intends = demands = conditional = possible = False
    for item, controlled in chain:
        children = list(item.children)
        governs = item is not token and controlled
        if any(_negates(c) for c in children) or (
            governs and item.lemma_.lower() in NEGATING_GOVERNORS
            and lexicon.verb(item.lemma_.lower()) is None
        ):  # fmt: skip
            negated = True
        if any(c.dep_ == "aux" and c.lower_ in INTENT_AUX for c in children) or (
            governs and item.lemma_.lower() in INTENT_GOVERNORS
        ):
            intends = True
        if any(c.dep_ == "aux" and c.lower_ in DEONTIC_AUX for c in children):
            demands = True
        if item is token and any(c.dep_ == "aux" and c.lower_ in POSSIBLE_AUX for c in children):
            possible = True  # the act's own verb: "may halt", not "could receive a sentence"
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS
                                         for m in c.children) for c in children):  # fmt: skip
            conditional = True
    if any(c.dep_ == "aux" and c.lower_ in ("have", "'ve") for c in token.children) and any(
        c.dep_ == "aux" and c.lower_ in INTENT_AUX | POSSIBLE_AUX for c in token.children
    ):
        return None  # "would have prevented": what did not happen, neither threat nor promise
    quote = ctx.quote_at(event.trigger.start, event.trigger.end)
    actor, recipient = list(event.actor), list(event.recipient)
    if negated and event.type in COOPERATIVE:
        kind, mode = "REJECT", REJECT_MODES.get(event.type)
    elif demands and quote is not None and quote.speaker and quote.speaker not in event.actor:
        kind, mode = "REQUEST", REQUEST_MODES.get(event.type, "change")
        actor, recipient = [quote.speaker], list(event.actor) or list(event.recipient)
    elif negated:
        return None  # "will not attack": no threat; a refusal only of a cooperative act
    elif (intends and (conditional or event.type in CONFLICTUAL)) or (
        possible and conditional and event.type in CONFLICTUAL and event.actor
    ):  # "may halt mediation if cooperation founders": a warning, CAMEO's threat
        kind, mode = "THREATEN", _threat_mode(event)
    elif intends and event.type in COOPERATIVE:
        kind, mode = "AGREE", None
    else:
        return None
    own_words = quote is None or quote.speaker in actor
    return replace(
        event,
        type=kind,
        mode=mode,
        cameo=cameo_of(kind, mode),
        intensity=intensity(kind, mode),
        actor=actor,
        recipient=recipient,
        participants=list(event.participants),
        modality="asserted" if own_words else "claimed",
        confidence=round((event.confidence or CONFIDENCE_CODED) - 0.1, 2),
    )


def _threat_mode(event: Event) -> str | None:
    if event.type == "ASSAULT" or event.type == "MOBILIZE":
        return "violence"
    if event.type == "COERCE":
        return "arrest" if event.mode == "arrest" else "restrict"
    if event.type == "SANCTION":
        return "expel" if event.mode == "expel" else "relations"
    if event.type == "PROTEST":
        return "restrict"
    return "relations" if event.type in COOPERATIVE else None


def _is_light(ctx: _Context, token: Token) -> bool:
    """A light verb whose object is a coded event noun ("launched an attack", "held talks");
    with an event noun PLOVER does not code ("announced the launch") the verb stays an event
    of its own."""
    if token.lemma_.lower() not in ctx.lexicon.light:
        return False
    code, chosen = code_verb(ctx.lexicon, token)
    if chosen is not None:
        return False  # "impose sanctions" is coded by the verb
    for child in token.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass"):
            found = noun_key(ctx.lexicon, child)
            if found is not None and found.type != OTHER:
                # "offered aid", "offered concessions": an offer is an intent (CAMEO 03),
                # while "offered condolences" is the statement itself
                return not (token.lemma_.lower() in OFFERS and found.type in OFFERED_TYPES)
    return False


def _refine(ctx: _Context, token: Token, code: Code | None, args: _Arguments) -> Code | None:
    """Senses the lexicon alone cannot tell apart: the verb's own rule in :data:`SENSES`
    (by lemma), then the rules of its type (an assault by a mishap, a withdrawal from a
    place). ``None``: the verb tells no coded act here."""
    if code is None or token.pos_ != "VERB":
        return code
    if _attributive(token):  # "pledged delegates", "the occupied territories": no act told
        return None
    sense = _Sense.of(ctx, token, code, args)
    rule = SENSES.get(sense.lemma)
    if rule is not None:
        refined = rule(sense)
        if refined is not code:
            return refined
    if code.type == "ASSAULT" and _by_mishap(token):
        return None  # "the earthquake killed 200": nobody's assault
    if code.type == "SANCTION" and code.mode == "withdraw" and _from_a_place(sense):
        return Code("RETREAT", "withdraw", "08")  # "withdrew from Syria": a retreat, not a break
    return code


@dataclass
class _Sense:
    """What the sense rules read around a verb, gathered once."""

    ctx: _Context
    token: Token
    code: Code
    args: _Arguments
    lemma: str
    children: list[Token]
    objects: list[Token]  # direct objects and passive subjects
    preps: set[str]  # its prepositions, lower-cased

    @classmethod
    def of(cls, ctx: _Context, token: Token, code: Code, args: _Arguments) -> _Sense:
        children = list(token.children)
        return cls(
            ctx, token, code, args, token.lemma_.lower(), children,
            [c for c in children if c.dep_ in ("dobj", "obj", "nsubjpass")],
            {c.lower_ for c in children if c.dep_ == "prep"},
        )  # fmt: skip

    @functools.cached_property
    def subject(self) -> Token | None:
        """Its subject (:func:`_subject`), looked up when a rule asks for it."""
        return _subject(self.token)

    def has(self, *deps: str) -> bool:
        return any(c.dep_ in deps for c in self.children)

    def object_words(self) -> list[Token]:
        """The words of its objects' noun phrases ("105 thousand doses of vaccine")."""
        return [w for c in self.objects for w in _phrase(c)]

    def pobjs(self, *prepositions: str) -> list[Token]:
        return _prep_objects(self.token, *prepositions)


def _attack(s: _Sense) -> Code | None:
    """Verbal when aimed at a person's words or at a person "for" something: ACCUSE."""
    objects = [c for c in s.children if c.dep_ in ("dobj", "nsubjpass")]
    verbal = any(c.lemma_.lower() in VERBAL_TARGETS for c in objects) or "for" in s.preps
    named = s.ctx.named
    if verbal or any(named[r].type == "person" for r in s.args.recipient if r in named):
        return s.ctx.lexicon.verb("criticize")
    return s.code


def _strike(s: _Sense) -> Code | None:
    """Without an object, workers' strike (PROTEST); with one, an attack."""
    return s.code if s.has("dobj", "nsubjpass") else Code("PROTEST", "strike", "14")


def _demonstrate(s: _Sense) -> Code | None:
    """ "demonstrated that it works": showed, not protested."""
    shows = s.has("dobj", "obj", "ccomp", "nsubjpass", "auxpass", "xcomp", "oprd", "acomp")
    return None if shows else s.code


def _alert(s: _Sense) -> Code | None:
    """ "alerted the authorities": told, not a raised alert of forces."""
    return s.code if any(_armed(c) for c in s.objects) else None


def _talks_about(s: _Sense) -> bool:
    """ "you talk about reselling", "asked about the laws": no talks, no request."""
    return bool(s.preps & {"about", "of"}) and not (
        s.preps & {"with", "to", "for"} or s.has("xcomp", "ccomp")
        or (s.lemma == "talk" and _several(s.subject))
    )  # fmt: skip


def _to_the_press(s: _Sense) -> bool:
    """ "spoke to reporters", "spoke with Wikinews": an interview, not a consultation."""
    for o in s.pobjs("to", "with"):
        entity = s.ctx.entity_at(o)
        if o.lemma_.lower() in PRESS or (entity is not None and entity.name.lower() in PRESS):
            return True
    return False


def _talk(s: _Sense) -> Code | None:
    return None if _talks_about(s) or _to_the_press(s) else s.code


def _speak(s: _Sense) -> Code | None:
    return None if _to_the_press(s) else s.code


def _ask(s: _Sense) -> Code | None:
    """Talking about something, or a question ("asked me what had happened", "ask this
    question"), is no request; "asked Russia to help" and "asked for" are."""
    if _talks_about(s):
        return None
    if "for" in s.preps or s.has("xcomp"):
        return s.code
    if any(c.lemma_.lower() == "question" for c in s.objects) or any(
        c.dep_ == "ccomp" and _asks_a_question(c) for c in s.children
    ):
        return None
    return s.code


def _plead(s: _Sense) -> Code | None:
    """A plea in court ("pleaded guilty"), not an appeal."""
    return None if any(w.lower_ in ("guilty", "innocent") for w in s.token.subtree) else s.code


def _support(s: _Sense) -> Code | None:
    """ "the findings support the hypothesis": no one backed."""
    inanimate = s.subject is not None and s.subject.lemma_.lower() in INANIMATE
    return None if inanimate else s.code


def _seek(s: _Sense) -> Code | None:
    """ "sought to overturn" is trying; "sought re-election" is running."""
    running = any(c.lemma_.lower() in CANDIDACY for c in s.objects)
    return None if s.has("xcomp") or running else s.code


def _release(s: _Sense) -> Code | None:
    """A RETREAT lets a person or held property go (CAMEO 084); "released his tax returns",
    "Apple released the update" are publishing, unless someone is released from custody."""
    if any(o.lemma_.lower() in CUSTODY for o in s.pobjs("from")):
        return s.code
    published = any(w.lemma_.lower() in PUBLISHED for c in s.objects for w in _with_compounds(c))
    return None if published else s.code


def _prevent(s: _Sense) -> Code | None:
    """A COERCE when a state does it or someone is kept from doing something; not "to
    prevent the spread", "prevent a stall"."""
    if s.subject is not None and _state(s.ctx, s.subject):
        return s.code
    held = any(
        s.ctx.entity_at(c) is not None or c.lemma_.lower() in PEOPLE or c.lower_ in PEOPLE
        for c in s.objects
    )
    return s.code if "from" in s.preps and held else None


def _accept(s: _Sense) -> Code | None:
    """ "did not accept him", "accept that …": no offer taken up."""
    personal = any(c.lower_ in PERSONAL_OBJECTS or _a_person(s.ctx, c) for c in s.objects)
    return None if s.has("ccomp") or personal else s.code


def _discuss(s: _Sense) -> Code | None:
    """ "Trump discussed the economy in his speech": one party alone holds no talks."""
    alone = s.subject is not None and not ("with" in s.preps or _several(s.subject))
    return None if alone else s.code


def _agree(s: _Sense) -> Code | None:
    """ "agreed with the nationalisation", "agreed that …" (by one party): an opinion
    shared; "agreed to", "agreed on", "agreed with Egypt" are agreements."""
    if s.code.type != "AGREE" or s.preps & {"to", "on", "upon"} or s.has("xcomp", "dobj"):
        return s.code
    with_a_thing = "with" in s.preps and not any(
        s.ctx.entity_at(o) is not None for o in s.pobjs("with")
    )
    that_alone = s.has("ccomp") and not _several(s.subject)
    return None if with_a_thing or that_alone else s.code


def _offer(s: _Sense) -> Code | None:
    """An offer to cooperate is of help, money, terms or an act ("offered to resign"); not
    "offering DVDs", "offer namaz", "offered a tour"."""
    if s.code.type != "AGREE" or not s.objects or s.has("xcomp"):
        return s.code
    offered = any(w.lemma_.lower() in OFFERED or w.text == "$" for w in s.object_words())
    return s.code if offered else None


def _propose(s: _Sense) -> Code | None:
    """ "proposed a bill", "proposes an amendment": lawmaking, not an offer."""
    lawmaking = s.code.type == "AGREE" and any(c.lemma_.lower() in LEGISLATIVE for c in s.objects)
    return None if lawmaking else s.code


def _meet(s: _Sense) -> Code | None:
    """ "meeting the needs of enterprise users", "the deadline was not met": no one met."""
    needs = s.code.type == "CONSULT" and any(c.lemma_.lower() in NEEDS for c in s.objects)
    return None if needs else s.code


def _grant(s: _Sense) -> Code | None:
    """Aid only of money, loans or asylum; not "granted bail", "take it for granted"."""
    if s.code.type != "AID":
        return s.code
    token = s.token
    taken = any(c.lower_ == "for" for c in token.subtree) and any(
        c.lemma_.lower() == "take" for c in (token.head, *token.children)
    )
    aid = any(w.lemma_.lower() in GRANTED_AID or w.text == "$" for w in s.object_words())
    return None if taken or not aid else s.code


def _commit(s: _Sense) -> Code | None:
    """ "committed the murder": no commitment; "committed to", "commit that" are."""
    pledged = s.code.type != "AGREE" or "to" in s.preps or s.has("xcomp", "ccomp")
    return s.code if pledged else None


def _receive(s: _Sense) -> Code | None:
    """Hosting a visit only of a named party or a visitor; not "received scholarship offers"."""
    if s.code.type != "CONSULT":
        return s.code
    visitor = any(s.ctx.entity_at(c) is not None or c.lemma_.lower() in VISITORS for c in s.objects)
    return s.code if visitor else None


def _visit(s: _Sense) -> Code | None:
    """ "visit our Main Page", "visit their polling places": no diplomatic visit."""
    return None if any(c.lemma_.lower() in NOT_VISITED for c in s.objects) else s.code


def _kill(s: _Sense) -> Code | None:
    """ "explosives kill jackal", "lost pets are killed": no assault."""
    return None if any(c.lemma_.lower() in ANIMALS for c in s.objects) else s.code


def _fight(s: _Sense) -> Code | None:
    """ "fight against DRM", "we fight it": a struggle, not combat."""
    combat = _fights_someone(s)
    return s.code if combat else None


def _rally(s: _Sense) -> Code | None:
    """A market's rally is nothing; a crowd's, with no one it rallies behind, a
    demonstration ("thousands rallied at Freedom Plaza"); "rallied behind Trump" support."""
    if s.subject is not None and s.subject.lemma_.lower() in MARKETS:
        return None
    behind = s.objects or s.preps & {"behind", "around", "to", "for"}
    if s.code.type == "SUPPORT" and not behind:
        return Code("PROTEST", "demo", "14")
    return s.code


def _protest(s: _Sense) -> Code | None:
    """A demonstration (PROTEST) when a crowd does it or a place is named, a complaint
    (ACCUSE) when it is made to someone or by a state (see :func:`_demonstrates`)."""
    subject = s.subject
    if subject is None and s.token.dep_ in ("acl", "relcl"):
        subject = s.token.head  # "35 thousand students protesting in Belgium"
    if s.code.type == "ACCUSE" and _demonstrates(s.ctx, subject, s.objects, s.preps):
        return Code("PROTEST", "demo", "14")
    if s.subject is not None and _civilian(s.ctx, s.subject):
        return Code("PROTEST", "demo", "14")
    return s.code


def _compromise(s: _Sense) -> Code | None:
    """ "will compromise the advantage": harm, not a concession."""
    return None if s.objects else s.code


def _deliver(s: _Sense) -> Code | None:
    """Aid only of aid: "delivered food"; not "delivered a speech", "deliver justice"."""
    return s.code if any(w.lemma_.lower() in DELIVERED_AID for w in s.object_words()) else None


def _decline(s: _Sense) -> Code | None:
    """ "the colony is declining": falling, not refusing."""
    intransitive = not s.has("xcomp", "dobj", "obj")
    return None if intransitive and not _refuses(s.ctx, s.token, s.children) else s.code


def _oppose(s: _Sense) -> Code | None:
    """ "as opposed to": no rejection."""
    token = s.token
    return None if token.i > 0 and token.nbor(-1).lower_ == "as" else s.code


def _deploy(s: _Sense) -> Code | None:
    """Forces or arms only: not "deploy the software"."""
    armed = any(c.dep_ in ("dobj", "obj", "nsubjpass") and _armed(c) for c in s.children)
    return s.code if armed else None


def _block(s: _Sense) -> Code | None:
    """The police blocking a march COERCE; protesters blocking roads PROTEST."""
    if s.subject is None:
        return s.code
    if _state(s.ctx, s.subject):
        return Code("COERCE", "restrict", "17")
    return Code("PROTEST", "obstruct", "14")


def _commissive(s: _Sense) -> Code | None:
    """ "vowed to retaliate" is a threat, not a promise."""
    lexicon = s.ctx.lexicon
    if any(
        c.dep_ == "xcomp" and (code_verb(lexicon, c)[0] or Code("", None, None)).type in CONFLICTUAL
        for c in s.children
    ):
        return Code("THREATEN", None, "13")
    return s.code


def _boycott(s: _Sense) -> Code | None:
    """A state's boycott is a sanction."""
    if s.subject is not None and _state(s.ctx, s.subject):
        return Code("SANCTION", None, "16")
    return s.code


def _capture(s: _Sense) -> Code | None:
    """A town is taken by force (ASSAULT), a person arrested."""
    if any(c.dep_ in ("dobj", "nsubjpass") and _a_place(s.ctx, c) for c in s.children):
        return Code("ASSAULT", None, "19")
    return s.code


def _thank(s: _Sense) -> Code | None:
    """ "Thank you for taking the time": an interviewer's courtesy, no one's diplomacy."""
    courtesy = s.subject is None and any(c.dep_ == "dobj" and c.lower_ == "you" for c in s.children)
    return None if courtesy else s.code


def _disarm(s: _Sense) -> Code | None:
    """ "disarmed a shooter": overpowering someone, not laying down one's arms."""
    return None if any(c.lemma_.lower() in ASSAILANTS for c in s.objects) else s.code


def _from_a_place(s: _Sense) -> bool:
    """ "withdrew from Syria", not "withdrew its inspectors from Iraq" (an object of its own)
    nor "withdrew from the Paris agreement"."""
    return not s.has("dobj", "obj") and any(_a_place(s.ctx, o) for o in s.pobjs("from", "of"))


# Each verb's sense rule: it returns the code it was given when the verb has its coded sense
# here, another code when it has another one, ``None`` when it tells no coded act.
SENSES: dict[str, Callable[[_Sense], Code | None]] = {
    "attack": _attack, "strike": _strike, "demonstrate": _demonstrate, "alert": _alert,
    "talk": _talk, "speak": _speak, "ask": _ask, "plead": _plead, "support": _support,
    "seek": _seek, "release": _release, "prevent": _prevent, "accept": _accept,
    "discuss": _discuss, "agree": _agree, "offer": _offer, "propose": _propose,
    "meet": _meet, "grant": _grant, "commit": _commit, "receive": _receive,
    "visit": _visit, "kill": _kill, "fight": _fight, "rally": _rally, "protest": _protest,
    "compromise": _compromise, "deliver": _deliver, "decline": _decline,
    "oppose": _oppose, "deploy": _deploy, "block": _block, "blockade": _block,
    "boycott": _boycott, "capture": _capture, "seize": _capture,
    "thank": _thank, "disarm": _disarm,
    **{lemma: _commissive for lemma in COMMISSIVES},
}  # fmt: skip


def _attributive(token: Token) -> bool:
    """Whether a participle only describes its noun ("the occupied territories", "pledged
    delegates", "a life-threatening storm") rather than tells an act. The small model also
    hangs finite verbs on their object as modifiers ("Trump lauded Cain", "The British
    relinquished control of …" with "control" as the root): a verb with objects of its own,
    one whose noun is the sentence's root, or one right after a word that can be its subject
    is read as the act it is."""
    if token.dep_ != "amod" or token.tag_ not in ("VBN", "VBG") or token.head.dep_ == "ROOT":
        return False
    if any(c.dep_ in ("dobj", "obj", "dative", "nsubj", "agent", "xcomp", "ccomp")
           for c in token.children):  # fmt: skip
        return False
    before = token.nbor(-1) if token.i > token.sent.start else None
    return (
        before is None
        or before.pos_ not in ("PROPN", "NOUN", "PRON", "VERB")
        or before.tag_ in ("PRP$", "WP$", "POS")  # "his proposed budget", "May's negotiated"
    )


def _phrase(head: Token) -> list[Token]:
    """A noun phrase's own words: its head, modifiers and "of" objects, not its clauses
    ("105 thousand doses of vaccine", "medicines door to door")."""
    words = [head]
    for child in head.children:
        if child.dep_ in CLAUSE_BOUNDARY:
            continue
        words += _phrase(child) if child.dep_ in ("prep", "pobj", "compound", "nummod",
                                                  "quantmod", "amod") else [child]  # fmt: skip
    return words


def _asks_a_question(clause: Token) -> bool:
    """Whether a clause under "ask" is a question ("what had happened", "how long I will
    sit", "if he would run") rather than what is asked for ("that the price be kept secret")."""
    first = next(iter(clause.subtree), clause)
    return first.lower_ in WH_WORDS or any(t.text == "?" for t in clause.subtree)


def _a_person(ctx: _Context, head: Token) -> bool:
    entity = ctx.entity_at(head)
    return entity is not None and entity.type == "person"


def _fights_someone(s: _Sense) -> bool:
    """Whether "fight" is combat: an armed party or a state fights, or someone fights a named
    party, a war or armed men ("the coalition came to fight ISIS", "fought a war"), or it is
    said with neither object nor cause ("the rebels were fighting"); not a struggle against
    a thing or for a cause ("fight against DRM", "fight for an America that works")."""
    subject = s.subject
    if subject is not None and (_armed(subject) or _state(s.ctx, subject)):
        return True
    opponents = s.objects + s.pobjs("against", "for", "with")
    if not opponents:
        return True
    return any(_combatant(s.ctx, o) or o.lemma_.lower() in FOUGHT or _armed(o) for o in opponents)


def _combatant(ctx: _Context, head: Token) -> bool:
    """A country, a group or an armed body: who can be fought in combat (not "DRM", not a
    politician one fights in an election)."""
    entity = ctx.entity_at(head)
    return entity is not None and (
        entity.type in ("country", "group")
        or entity.sector in ("armed group", "military", "police")
    )


def _demonstrates(
    ctx: _Context, subject: Token | None, objects: list[Token], preps: set[str]
) -> bool:
    """Whether an intransitive "protest" is people demonstrating (CAMEO 141: "students
    protesting in Belgium", "a group protested outside the White House") rather than a
    complaint made to someone (CAMEO 114: "protested to the UN", "the ministry protested"):
    no object and no one it is made to, and a crowd that does it or a place it is done at."""
    if objects or "to" in preps or (subject is not None and _state(ctx, subject)):
        return False
    if preps & {"outside", "at", "near", "along", "across"}:
        return True
    if subject is None:
        return False
    head = subject.head if subject.tag_ in ("WP", "WDT") else subject
    entity = ctx.entity_at(head)
    return (
        head.tag_ in ("NNS", "NNPS")
        or _civilian(ctx, head)
        or (entity is not None and entity.type == "group")
    )


def _several(subject: Token | None) -> bool:
    """Whether a subject is more than one party: "the two leaders", "Israel and Egypt"."""
    if subject is None:
        return False
    return subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)


def _by_mishap(token: Token) -> bool:
    """Whether what the verb tells was done by an accident, a disaster or a disease: its
    subject, its "by" or "in" ("killed in a crash"), or, for "…, killing seven", the clause
    it follows."""
    causes = [c for c in token.children if c.dep_ in ("nsubj", "csubj")] + _prep_objects(
        token, "by", "in"
    )
    if token.dep_ in ("advcl", "conj", "xcomp") and not causes:
        head = token.head
        causes = [head] + [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(_mishap(w) for c in causes for w in _with_compounds(c))


def _mishap(word: Token) -> bool:
    """An accident, a disaster or a disease, not gunfire: "the fire killed five", not "fired
    on the crowd, killing 12" or "killed by sniper fire"."""
    if word.lemma_.lower() not in MISHAPS:
        return False
    if word.lemma_.lower() == "fire":
        weapons = {c.lemma_.lower() for c in word.children if c.dep_ in ("compound", "amod")}
        return word.pos_ == "NOUN" and not weapons & GUNFIRE
    return True


def _refuses(ctx: _Context, token: Token, children: list[Token]) -> bool:
    """Whether an intransitive "declined" refuses ("…, but he declined") rather than falls
    ("the colony has declined by 40 %"): someone declines, and by no amount."""
    if any(c.dep_ in ("prep", "npadvmod") and c.lower_ in ("by", "from", "to", "in", "sharply")
           for c in children):  # fmt: skip
        return False
    subject = _subject(token)
    if subject is None:
        return False
    return subject.lower_ in PERSONAL_PRONOUNS or ctx.entity_at(subject) is not None


def _armed(head: Token) -> bool:
    """Whether an object is forces or arms: troops, police, warships, "500 soldiers"."""
    words = [head, *(c for c in head.children if c.dep_ in ("compound", "amod"))]
    return any(w.lemma_.lower() in ARMED for w in words)


def _civilian(ctx: _Context, head: Token) -> bool:
    """Whether an argument is people rather than a state: workers, students, a nationality."""
    if head.lemma_.lower() in CIVILIANS:
        return True
    entity = ctx.entity_at(head)
    return entity is not None and entity.type == "group" and head.tag_ in ("NNPS", "NNS")


def _state(ctx: _Context, head: Token) -> bool:
    """Whether an argument is a state or its forces: a country, a government body, police."""
    if head.lemma_.lower() in STATE_NOUNS:
        return True
    entity = ctx.entity_at(head)
    return entity is not None and (
        entity.type == "country" or entity.sector in ("government", "military", "police")
    )


def _a_place(ctx: _Context, head: Token) -> bool:
    entity = ctx.entity_at(head)
    if entity is not None:
        return entity.type in ("place", "country", "facility")
    words = [*_with_compounds(head), *_prep_objects(head, "of")]
    return any(w.lemma_.lower() in PLACE_NOUNS for w in words)


def _needs_met(ctx: _Context, token: Token, code: Code, args: _Arguments) -> bool:
    objects = [c for c in token.children if c.dep_ in ("dobj", "obj", "nsubjpass", "dative")]
    if code.needs == "obj":
        return bool(objects)
    return bool(args.recipient) or any(ctx.entity_at(o) is not None for o in objects)


def _entities_of(ctx: _Context, head: Token) -> list[str]:
    """The entities an argument names: its head, else its close modifiers ("Hungarian and
    Romanian officials" → Hungary, Romania) or its "of" object ("the government of Iraq");
    each conjunct ("Hungary and Romania") on its own."""
    found: list[str] = []
    for part in _conjuncts(head):
        entities = [ctx.entity_at(part)]
        if entities[0] is None:
            entities = [
                ctx.entity_at(t)
                for c in part.children
                if c.dep_ in ARGUMENT_CORE
                for t in _conjuncts(c)
            ]
        if not any(entities):
            for child in part.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    entities.extend(ctx.entity_at(c) for c in _pobjs(child))
        for entity in entities:
            if entity is not None and entity.id not in found:
                found.append(entity.id)
    return found


def _pobjs(prep: Token) -> list[Token]:
    """The objects of a preposition ("on *Iran*")."""
    return [c for c in prep.children if c.dep_ == "pobj"]


def _conjuncts(head: Token) -> list[Token]:
    found = [head]
    for child in head.children:
        if child.dep_ == "conj":
            found.extend(_conjuncts(child))
    return found


def _subject(token: Token) -> Token | None:
    """The subject of a verb, through conjunction, control ("agreed to cooperate", "is
    expected to visit"; the object of "urged Iran to withdraw"), "by" gerunds ("betrayed us
    by pulling out"), non-finite adverbial clauses ("Jobs unveiled it, saying") and relative
    clauses ("the troops who withdrew")."""
    climbed = False
    for _ in range(6):
        for child in token.children:
            if child.dep_ in ("nsubj", "csubj") or (climbed and child.dep_ == "nsubjpass"):
                if child.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
                    return token.head
                return child
        head = token.head
        if token.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
            controller = next((c for c in head.children if c.dep_ in ("dobj", "obj")), None)
            if controller is not None:
                return controller  # "prompted Apple to sue": Apple sues
        shares = token.dep_ in ("conj", "xcomp") or _adjunct_clause(token)
        if shares and head.pos_ in ("VERB", "AUX"):
            token, climbed = head, True
        elif token.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "VERB":
            if head.lower_ != "by":  # "accused Iran of killing": Iran did the killing
                return next((c for c in head.head.children if c.dep_ in ("dobj", "obj")), None)
            token, climbed = head.head, True  # "betrayed us by pulling out": the betrayer
        else:
            return None
    return None


def _adjunct_clause(token: Token) -> bool:
    """A non-finite adverbial clause, whose subject is its main clause's ("Jobs unveiled it,
    *saying* ...", "returned to the stage *to reveal* ...", "while *introducing* it, Jobs")."""
    if token.dep_ != "advcl":
        return False
    if token.tag_ == "VBG":  # not a passive one ("being bought by Disney")
        return not any(c.dep_ == "auxpass" for c in token.children)
    return token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _arguments(ctx: _Context, token: Token, noun: bool) -> _Arguments:
    args = _Arguments()
    actor_heads: list[Token] = []
    recipient_heads: list[Token] = []
    if noun:
        for child in token.children:
            if child.dep_ in ("poss", "compound", "amod") and ctx.entity_at(child) is not None:
                actor_heads.append(child)
            elif child.dep_ == "prep":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                if child.lower_ == "by":
                    actor_heads.append(pobj)
                elif child.lower_ in RECIPIENT_PREPS or child.lower_ in ("of", "between"):
                    recipient_heads.append(pobj)
        owner = token.head.head  # "Jobs' third period of leave", "Apple's years of growth"
        if not actor_heads and token.head.lower_ == "of" and owner.pos_ == "NOUN":
            actor_heads.extend(c for c in owner.children if c.dep_ == "poss")
        verb = _does_it(token)
        if not actor_heads and verb is not None:
            subject = _subject(verb)  # "Russia launched an attack", "took part in the talks"
            if subject is not None:
                actor_heads.append(subject)
        if verb is not None and token.dep_ in ("dobj", "obj"):
            recipient_heads.extend(_given_to(verb))  # "will give Tanzania a grant"
        blamed = [b for b in _blamed_on(token) if ctx.entity_at(b) is not None]
        if blamed:  # "attributed the bombing to the Houthis"
            actor_heads = blamed
            recipient_heads = [r for r in recipient_heads if r not in blamed]
        if not actor_heads:
            actor_heads.extend(_culprits(token))  # "Sudan is responsible for the killings"
        if not actor_heads and recipient_heads and token.lemma_.lower() in INTRANSITIVE_NOUNS:
            actor_heads, recipient_heads = recipient_heads[:1], recipient_heads[1:]
    else:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
        subject = _subject(token)
        if subject is not None and not passive:
            actor_heads.append(subject)
        for child in token.children:
            if child.dep_ == "dative" and child.pos_ == "ADP":  # "offered aid *to* Egypt"
                recipient_heads.extend(_pobjs(child))
            elif child.dep_ in OBJECTS or child.dep_ == "nsubjpass":
                relative = child.tag_ in ("WP", "WDT") and token.dep_ == "relcl"
                recipient_heads.append(token.head if relative else child)  # "Pixar, which"
            elif child.dep_ == "agent":
                actor_heads.extend(_pobjs(child))
            elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
                recipient_heads.extend(_pobjs(child))
            offered = child.dep_ in ("dobj", "obj") and token.lemma_.lower() in OFFERS
            if child.i in ctx.consumed or offered:  # "imposed sanctions on Iran", "aid to"
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS:
                        recipient_heads.extend(_pobjs(prep))
        if token.dep_ in ("acl", "amod") and not passive and token.tag_ == "VBN":
            recipient_heads.append(token.head)  # "the soldiers killed by", "the announced plan"
    for head in actor_heads:
        for ident in _entities_of(ctx, head):
            if ident not in args.actor:
                args.actor.append(ident)
    for head in recipient_heads:
        for ident in _entities_of(ctx, head):
            if ident not in args.recipient and ident not in args.actor:
                args.recipient.append(ident)
    taken = set(args.actor) | set(args.recipient)
    for child in token.children:
        if child.dep_ in CLAUSE_BOUNDARY:
            continue
        for sub in child.subtree:
            entity = ctx.entity_at(sub)
            if entity is not None and entity.id not in taken:
                taken.add(entity.id)
                args.participants.append(entity.id)
    return args


def _given_to(verb: Token) -> list[Token]:
    """Whom a verb gives its object to: its indirect object ("give Tanzania a grant") or the
    object of its "to" ("provide aid to refugees", "sent troops to Poland")."""
    found: list[Token] = []
    if verb.lemma_.lower() in NOT_GIVING:
        return found
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ != "ADP":
            found.append(child)
        elif child.dep_ in ("dative", "prep") and child.lower_ == "to":
            found.extend(_pobjs(child))
    return found


def _blamed_on(noun: Token) -> list[Token]:
    """Who an act is laid at the door of: "attributed the bombing *to* the Houthis", "blamed
    the attack *on* Iran", "linked the incidents to Iran"."""
    verb = noun.head
    if noun.dep_ not in ("dobj", "obj") or verb.lemma_.lower() not in ATTRIBUTING:
        return []
    word = "on" if verb.lemma_.lower() in ("blame", "pin") else "to"

    def objects(tokens: list[Token]) -> list[Token]:
        return [
            c
            for child in tokens
            if child.dep_ in ("prep", "dative") and child.lower_ == word
            for c in _pobjs(child)
        ]

    # the parse hangs the "on" on the verb, else on its object ("blamed the attack on Iran")
    return objects(list(verb.children)) or objects(list(noun.children))[-1:]


def _culprits(noun: Token) -> list[Token]:
    """Who is held to have done an act named by a noun after "for": the subject of
    "responsible for" ("Sudan is responsible for the killings"), of "claimed responsibility
    for", of a passive "was blamed for", or the object of "blamed Iran for"."""
    while noun.dep_ == "conj":  # "the killings and other atrocities"
        noun = noun.head
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for":
        return []
    holder = prep.head
    lemma = holder.lemma_.lower()
    if lemma in ("responsible", "accountable", "culpable") and holder.dep_ in ("acomp", "amod"):
        if holder.dep_ == "amod":  # "the group responsible for the attack"
            return [holder.head]
        subject = _subject(holder.head)
        return [subject] if subject is not None else []
    if lemma in ("responsibility", "credit") and holder.dep_ in ("dobj", "obj"):
        verb = holder.head
        if verb.lemma_.lower() in ("claim", "take", "accept", "bear", "admit"):
            subject = _subject(verb)
            return [subject] if subject is not None else []
    if lemma in ("blame", "punish", "condemn", "sanction", "fault") and holder.pos_ == "VERB":
        passive = [c for c in holder.children if c.dep_ == "nsubjpass"]
        objects = [c for c in holder.children if c.dep_ in ("dobj", "obj")]
        return passive or objects
    return []


def _governing_verb(noun: Token) -> Token | None:
    """The verb a nominal predicate is the object of, directly ("launched an attack") or
    through prepositions ("took part in the talks", "is on leave")."""
    found = _governing(noun)
    return found[0] if found is not None else None


def _governing(noun: Token) -> tuple[Token, str | None] | None:
    """:func:`_governing_verb` and the preposition that joins the verb's phrase to the noun
    (None when the noun, or the noun its preposition hangs from, is the verb's object)."""
    token, preposition = noun, None
    for _ in range(4):
        head = token.head
        if token.dep_ in ("dobj", "obj", "attr", "nsubjpass", "prep") and (
            head.pos_ == "VERB" or (head.pos_ == "AUX" and token.dep_ == "prep")
        ):
            return head, token.lower_ if token.dep_ == "prep" else preposition
        if token.dep_ in ("pobj", "prep", "dobj"):
            if token.dep_ == "prep" and preposition is None and token.lower_ != "of":
                preposition = token.lower_  # "tons of aid", "days of war games": the object
            token = head
            continue
        return None
    return None


def _does_it(noun: Token) -> Token | None:
    """The verb whose subject performs a nominal predicate ("launched an attack", "announced
    its withdrawal", "took part in the talks", "is on leave"): the governing verb, unless it
    judges, reports, suffers or watches another's act ("condemned the attack", "survived an
    attack", "discussed the strike") or the noun is a circumstance of the verb's own act
    ("announced it at a conference", "during the keynote, Jobs demoed", "hinted at it")."""
    found = _governing(noun)
    if found is None:
        return None
    verb, preposition = found
    if verb.lemma_.lower() in OTHERS_ACTS or preposition in CIRCUMSTANCES:
        return None
    return verb


# Verbs whose subject judges, reports, suffers or watches the act their object names.
OTHERS_ACTS = (
    word_set(
        "condemn denounce deplore decry criticise criticize slam blast welcome praise hail applaud"
        " commend laud congratulate thank blame accuse deny dismiss reject oppose question doubt"
        " investigate probe discuss debate consider review examine report describe mention note"
        " hint cite recall witness see watch observe follow cover confirm acknowledge regret"
        " mourn fear ignore survive suffer endure escape receive accept mark commemorate"
    )
    | REPORTING
    | ATTRIBUTING
)
# Prepositions of a circumstance: the noun is when, where or what about, not the act.
CIRCUMSTANCES = word_set("during at after before since until amid following despite about over")


# Nouns whose "of" names the one acting ("the withdrawal of troops"), not the target.
INTRANSITIVE_NOUNS = word_set(
    "withdrawal pullout retreat resignation visit trip protest demonstration march rally"
    " riot surrender meeting talk talks summit mobilization deployment buildup"
)


def _modality(token: Token, date: str | None, published: str | None, quote: Quote | None) -> str:
    """asserted, negated, future, hypothetical or claimed (see the module docstring)."""
    chain = _modal_chain(token)
    for item, controlled in chain:
        if any(_negates(c) for c in item.children):
            return "negated"
        if controlled and item.lemma_.lower() in NEGATING_GOVERNORS:
            return "negated"  # "refused to meet"
    for item, _ in chain:
        children = list(item.children)
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in children):
            return "hypothetical"
        if item.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children
        ):
            return "hypothetical"
    for item, controlled in chain:
        children = list(item.children)
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in children):
            return "future"
        if controlled and item.lemma_.lower() in FUTURE_GOVERNORS:
            return "future"  # "plans to visit", "is expected to visit"
        if (
            item.lemma_ in ("be", "go")
            and any(c.dep_ == "xcomp" for c in children)
            and (controlled)
        ):
            return "future"  # "is to visit", "is going to visit"
    if date and published and len(date) >= 10 and date[:10] > published:
        return "future"
    if quote is not None:
        return "claimed"
    return "asserted"


def _negates(child: Token) -> bool:
    return child.dep_ == "neg" or (child.lower_ in NEGATIONS and child.dep_ in ("det", "advmod"))


def _modal_chain(token: Token) -> list[tuple[Token, bool]]:
    """The predicate and the words above it that can change its modality, each with whether
    it controls the predicate (reached through an open complement: "refused to *meet*")."""
    chain = [(token, False)]
    item = token
    direct = True  # only open complements all the way up control the predicate
    for _ in range(5):
        dep = item.dep_
        if dep not in ("xcomp", "conj", "dobj", "pobj", "prep", "acomp"):
            break
        direct = direct and dep in ("xcomp", "conj")
        controlled = direct and dep == "xcomp"
        if item.head is item:
            break
        item = item.head
        chain.append((item, controlled))
    return chain


def extract(doc: Doc, document: Document) -> None:
    """Fill ``document.events``."""
    document.events = find_events(doc, document)


STAGE = Stage(name="events", version="17", extract=extract)
