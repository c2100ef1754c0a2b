"""The quotation stage with the real model."""

from __future__ import annotations

import pytest

import storyline
from tests.schema import schema_errors

TEXT = (
    "Anwar Sadat told the Knesset on Sunday that Egypt was ready to live in peace. "
    "“We are ready,” an Egyptian official said. “We will not go back.”\n\n"
    "Menachem Begin said the talks were “a waste of time” and left. "
    "According to aides, the prime minister was furious.\n\n"
    "“The adviser told me, ‘Do not go,’ and I answered, ‘I will,’” the minister said. "
    "She called it a “special operation” rather than a “war”.\n\n"
    "Aides told Politico that the team is trying to win him back. "
    'Jane Ortiz told Reuters\' Tom Hale: "We disagree."'
)


def quotes_by_text() -> dict[str, storyline.model.Quote]:
    doc = storyline.analyze(TEXT, published="1977-11-21", title="Sadat: Egypt ‘ready for peace’")
    assert schema_errors(doc.to_dict()) == []
    return {q.text: q for q in doc.quotes}


def test_quotes_kinds_speakers_and_cues() -> None:
    q = quotes_by_text()
    headline = q["Egypt ‘ready for peace’"]  # "Sadat: Egypt ‘ready for peace’"
    assert (headline.kind, headline.speaker_text) == ("headline", "Sadat")
    assert q["‘ready for peace’"].parent == headline.id
    ready = q["“We are ready,”"]
    assert (ready.kind, ready.speaker_text, ready.speaker_kind) == (
        "direct", "an Egyptian official", "anonymous"
    )  # fmt: skip
    assert ready.cue is not None and ready.cue.text == "said"
    back = q["“We will not go back.”"]
    # a continuation in the same paragraph: the same utterance, cue and words naming the speaker
    assert back.speaker_text == "an Egyptian official" and back.cue == ready.cue
    assert back.speaker_span is not None and back.speaker_span == ready.speaker_span
    waste = q["“a waste of time”"]
    assert (waste.kind, waste.speaker_text, waste.speaker_kind) == (
        "partial", "Menachem Begin", "named"
    )  # fmt: skip
    assert waste.speaker is not None


def test_quotes_mentions_are_not_speech() -> None:
    q = quotes_by_text()
    assert q["“special operation”"].kind == "mention" and q["“war”"].kind == "mention"
    assert q["“war”"].speaker is None


def test_quotes_nested_quotations() -> None:
    q = quotes_by_text()
    outer = next(v for k, v in q.items() if k.startswith("“The adviser"))
    told, answered = q["‘Do not go,’"], q["‘I will,’"]
    assert told.parent == outer.id and answered.parent == outer.id
    assert told.speaker_text == "The adviser" and told.addressee == "me"
    assert answered.speaker_text == outer.speaker_text == "the minister"


def test_quotes_indirect_speech_and_source_chains() -> None:
    q = quotes_by_text()
    sadat = q["Egypt was ready to live in peace"]
    assert (sadat.kind, sadat.speaker_text, sadat.addressee) == (
        "indirect", "Anwar Sadat", "the Knesset"
    )  # fmt: skip
    assert sadat.date == "1977-11-20" and sadat.before is None
    assert q["the prime minister was furious."].speaker_text == "aides"
    team = q["the team is trying to win him back"]
    assert team.via == ["Politico"] and team.speaker_kind == "anonymous"
    ortiz = q['"We disagree."']
    assert ortiz.via == ["Reuters"] and ortiz.addressee == "Tom Hale"


def test_quotes_undated_quote_gets_an_upper_bound() -> None:
    q = quotes_by_text()
    assert q["“We are ready,”"].date is None and q["“We are ready,”"].before == "1977-11-21"


SECOND = (
    "Mrs. Clinton spoke in Ohio on Monday. Donald Trump said the polls were rigged.\n\n"
    "“We will win,” she said. “We will win big.”\n\n"
    "“And we will not stop.”\n\n"
    "Trump called Machado “disgusting” and left the stage."
)


def test_quotes_pronoun_speakers_keep_their_words() -> None:
    doc = storyline.analyze(SECOND, published="2016-09-30")
    assert schema_errors(doc.to_dict()) == []
    q = {x.text: x for x in doc.quotes}
    win = q["“We will win,”"]
    # "she" is Mrs. Clinton (the honorific tells), not Trump, the last person named
    assert win.speaker_text == "Clinton" and win.speaker_kind == "named"
    assert win.speaker_span is not None and win.speaker_span.text == "she"
    big = q["“We will win big.”"]
    assert big.cue == win.cue and big.speaker_span == win.speaker_span
    stop = q["“And we will not stop.”"]  # a new paragraph: same speaker, no words name her here
    assert stop.speaker_text == "Clinton" and stop.speaker_span is None and stop.cue is None


def test_quotes_fragment_belongs_to_the_clause_that_characterises() -> None:
    doc = storyline.analyze(SECOND, published="2016-09-30")
    q = {x.text: x for x in doc.quotes}
    clause = q["Machado “disgusting”"]
    assert (clause.kind, clause.speaker_text, clause.cue and clause.cue.text) == (
        "indirect", "Trump", "called"
    )  # fmt: skip
    assert q["“disgusting”"].parent == clause.id


def test_quotes_transcripts_and_untitled_headlines() -> None:
    text = (
        "Pence: Trump Was ‘Mocking’ Clinton Camp\n\n"
        "The governor spoke to Fox News on Sunday.\n\n"
        "WALLACE: Will she be there?\n\n"
        "PENCE: She will not be attending the debate.\n\n"
        "Correction: An earlier version misspelled a name."
    )
    doc = storyline.analyze(text, published="2016-09-25")
    assert schema_errors(doc.to_dict()) == []
    q = {x.text: x for x in doc.quotes}
    headline = q["Trump Was ‘Mocking’ Clinton Camp"]  # a short first line without a stop
    assert (headline.kind, headline.speaker_text) == ("headline", "Pence")
    assert (q["Will she be there?"].kind, q["Will she be there?"].speaker_text) == (
        "direct", "WALLACE"
    )  # fmt: skip
    assert q["She will not be attending the debate."].speaker_text == "PENCE"
    assert not any(x.text.startswith("An earlier version") for x in doc.quotes)


def by_text(text: str) -> dict[str, storyline.model.Quote]:
    doc = storyline.analyze(text, published="2016-09-27")
    assert schema_errors(doc.to_dict()) == []
    return {x.text: x for x in doc.quotes}


def first_clause(quotes: dict[str, storyline.model.Quote]) -> storyline.model.Quote:
    """The first reported clause (``indirect``) of :func:`by_text`'s quotes."""
    found = [x for x in quotes.values() if x.kind == "indirect"]
    assert found, list(quotes)
    return found[0]


def test_quotes_signed_and_introduced_quotations() -> None:
    q = by_text(
        "Readers wrote to us after the debate.\n\n"
        "“He is not fit to lead the nation.” ― Sonya Herridge, 32\n\n"
        "Bernie Sanders made the following comment:\n\n"
        "“Young people need jobs, and they need them now.”"
    )
    assert q["“He is not fit to lead the nation.”"].speaker_text == "Sonya Herridge"
    young = q["“Young people need jobs, and they need them now.”"]
    assert young.speaker_text == "Bernie Sanders" and young.cue is not None


def test_quotes_titles_are_mentions() -> None:
    q = by_text("Pence said on “Fox News Sunday” that the debate “will be a great night.”")
    assert q["“Fox News Sunday”"].kind == "mention"
    assert q["“will be a great night.”"].kind == "partial"


def test_quotes_parenthetical_cues_and_attitudes() -> None:
    q = by_text(
        "The museum, Obama said, would make visitors face hard truths. "
        "A new poll shows that voters are split. "
        "Clinton wants to triple the size of AmeriCorps."
    )
    museum = next(v for k, v in q.items() if k.startswith("The museum"))
    assert museum.speaker_text == "Obama" and museum.cue is not None and museum.cue.text == "said"
    assert q["that voters are split"].speaker_text == "A new poll"
    wants = q["to triple the size of AmeriCorps"]
    assert wants.speaker_text == "Clinton" and wants.cue is not None and wants.cue.text == "wants"


def test_quotes_medium_setting_insertions_and_unnamed_sources() -> None:
    q = by_text(
        "Scholz said in an interview that the talks had failed. "
        "Erdogan told a rally in his home town that Turkey would not bow. "
        "Trump tweeted that the election was rigged. "
        "“They [the Germans] never agreed,” two aides to the chancellor said. "
        "A White House official said the meeting was over."
    )
    assert q["the talks had failed"].medium == "interview"
    rally = q["Turkey would not bow"]
    assert rally.setting == "a rally in his home town" and rally.medium is None
    assert q["the election was rigged"].medium == "social media post"
    aides = q["“They [the Germans] never agreed,”"]
    assert [s.text for s in aides.insertions] == ["[the Germans]"]
    assert aides.speaker_kind == "anonymous" and aides.speaker_count == 2
    assert aides.speaker_affiliation == "the chancellor"
    official = q["the meeting was over"]
    assert (official.speaker_count, official.speaker_affiliation) == (1, "White House")
    named = q["the talks had failed"]
    assert named.speaker_count is None and named.speaker_affiliation is None


def test_quotes_speakers_resolve_surnames_and_descriptions() -> None:
    doc = storyline.analyze(
        "Turkish President Recep Tayyip Erdogan met French President Emmanuel Macron in Paris. "
        "Anwar Sadat was remembered at the dinner.\n\n"
        "“We will not bow,” the Turkish leader said. Sadat said peace was possible.",
        published="2019-03-01",
    )
    assert schema_errors(doc.to_dict()) == []
    names = {e.id: e.name for e in doc.entities}
    q = {x.text: x for x in doc.quotes}
    bow = q["“We will not bow,”"]
    assert names[bow.speaker or ""] == "Recep Tayyip Erdoğan" and bow.speaker_kind == "named"
    assert bow.speaker_span is not None and bow.speaker_span.text == "the Turkish leader"
    assert names[q["peace was possible"].speaker or ""] == "Anwar Sadat"


def test_quotes_datelines_and_relative_pronouns_are_not_speakers() -> None:
    q = by_text(
        "BAGHDAD — Arab ministers meeting in the capital said on Saturday that Egypt was "
        "suspended.\n\nThe ministers met at the league, which says that members must "
        "consult each other."
    )
    suspended = q["Egypt was suspended"]
    assert suspended.speaker_text is not None and "BAGHDAD" not in suspended.speaker_text
    charter = q["members must consult each other"]
    assert charter.speaker_span is not None and charter.speaker_span.text == "which"
    assert charter.speaker_text == "the league"


def test_quotes_noun_cues_name_their_source() -> None:
    q = by_text("Trump's claim that the election was rigged drew wide criticism.")
    claim = q["that the election was rigged"]
    assert (claim.kind, claim.speaker_text, claim.cue and claim.cue.text) == (
        "indirect", "Trump", "claim"
    )  # fmt: skip


def test_quotes_review_cases_cues_nested_and_labels() -> None:
    # a cue the parser put in the next sentence after "?”"
    q = by_text("“Why would we do that?” Sadat said on Monday.")
    assert q["“Why would we do that?”"].speaker_text == "Sadat"
    # a nested quotation with no cue of its own has no speaker, and does not continue one
    q = by_text("“The sign read ‘Keep out of here now’ and we left,” said John Smith.")
    assert q["‘Keep out of here now’"].speaker is None
    assert q["‘Keep out of here now’"].speaker_text is None
    # a short answer right after a quotation is speech, not a mention
    q = by_text("“We will not wait,” the mayor said. “No.”")
    assert q["“No.”"].kind == "direct" and q["“No.”"].speaker_text == "the mayor"
    # labels that name no speaker, and a sentence ending in a colon that names none
    q = by_text(
        "NEW DELHI: The government fell today.\n\nKey points: the vote was close.\n\n"
        "The following statement was released:\n\n“We regret the decision and will appeal.”"
    )
    assert not any(x.text.startswith(("The government", "the vote")) for x in q.values())
    assert q["“We regret the decision and will appeal.”"].speaker_text is None
    # mentions carry no speaker
    q = by_text("She called it a “special operation” and left.")
    assert q["“special operation”"].speaker is None


def test_quotes_untitled_headline_with_a_colon() -> None:
    q = by_text("Macron: Europe ‘must wake up’\n\nThe president spoke in Paris on Monday.")
    headline = q["Europe ‘must wake up’"]
    assert (headline.kind, headline.speaker_text) == ("headline", "Macron")
    # a hard-wrapped first line is not a headline
    q = by_text("“We are\nready to talk,” the minister said on Monday.")
    assert all(x.kind != "headline" for x in q.values())


def test_quotes_review_cases_continuations_and_relays() -> None:
    q = by_text(
        "“We won the election tonight,” said John Smith. Mary Jones disagreed. "
        "“This result is wrong and always was.”"
    )
    assert q["“This result is wrong and always was.”"].speaker_text != "John Smith"
    q = by_text("Two aides told Politico that the plan was dead.")
    dead = q["the plan was dead"]
    assert (dead.addressee, dead.via, dead.speaker_count) == (None, ["Politico"], 2)
    q = by_text("The plan is dead, two aides said, according to Politico.")
    assert q["The plan is dead"].via == ["Politico"]
    q = by_text("Politico reported that Trump would resign.")
    assert q["Trump would resign"].speaker_text == "Politico" and q["Trump would resign"].via == []
    q = by_text("Aides told Reuters’ Jane Ortiz that the plan was dead.")
    assert (q["the plan was dead"].addressee, q["the plan was dead"].via) == (
        "Jane Ortiz", ["Reuters"]
    )  # fmt: skip
    q = by_text("John Smith ensured that the doors were locked.")
    assert not q


def test_quotes_pronouns_for_unnamed_sources_and_groups() -> None:
    q = by_text(
        "A senior American diplomat recalled that afternoon. "
        "“One of our people was in tears,” he said."
    )
    tears = q["“One of our people was in tears,”"]
    assert (tears.speaker_text, tears.speaker_kind, tears.speaker) == (
        "A senior American diplomat", "anonymous", None
    )  # fmt: skip
    assert tears.speaker_span is not None and tears.speaker_span.text == "he"
    q = by_text("Officials in Ankara met with Recep Erdogan on Monday. They said the talks failed.")
    assert q["the talks failed"].speaker is None  # "they" is not Erdogan


def test_quotes_fragment_after_and_extends_the_reported_clause() -> None:
    q = by_text(
        "The mayor said that it was too early to tell, and there was “no evidence” yet "
        "that it was terrorism."
    )
    clause = first_clause(q)
    assert clause.text.startswith("it was too early") and clause.text.endswith("terrorism")
    assert q["“no evidence”"].parent == clause.id


def test_quotes_whole_quotation_ending_in_a_nested_one() -> None:
    q = by_text("McCaskill scolded him: “You called them ‘miracles,’” she said.")
    assert q["“You called them ‘miracles,’”"].kind == "direct"


def test_quotes_attitude_adjectives() -> None:
    q = by_text("Clinton is confident that she will win the state.")
    confident = q["that she will win the state"]
    assert confident.speaker_text == "Clinton" and confident.cue is not None
    assert confident.cue.text == "confident"


def test_quotes_a_pronoun_inside_a_quotation_is_not_its_speaker() -> None:
    q = by_text(
        "An Arab diplomat said one of his Egyptian counterparts had telephoned him. "
        "“He told me, ‘You are moving the furniture,’ and then he hung up,” the diplomat said."
    )
    nested = q["‘You are moving the furniture,’"]
    assert nested.speaker_span is not None and nested.speaker_span.text == "He"
    assert nested.speaker_text != "An Arab diplomat" and nested.speaker is None


def test_a_speakers_i_and_we_in_their_own_words_are_the_speaker() -> None:
    doc = storyline.analyze(
        "“We will respond to this aggression,” Iran's foreign ministry said. "
        'Erdogan said: "I will not let them win." Erdogan said we should wait. '
        "“We are ready,” said Steve Jobs.",
        published="2024-05-10",
    )
    mentions = {e.name: [(m.text, m.kind) for m in e.mentions] for e in doc.entities}
    ministry = next(name for name in mentions if "Iran" in name)
    assert ("We", "pronoun") in mentions[ministry]  # a body's "we"
    assert ("I", "pronoun") in mentions["Erdogan"]  # a person's "I"
    assert ("we", "pronoun") not in mentions["Erdogan"]  # reported speech: the reporter's "we"
    assert mentions["Steve Jobs"] == [("Steve Jobs", "name")]  # a person's "we": not himself
    respond = next(e for e in doc.events if e.trigger.text == "respond")
    names = {e.id: e.name for e in doc.entities}
    assert [names[i] for i in respond.actor] == [ministry]  # the events stage sees it


def test_quotes_clause_opening_with_a_fragment_keeps_it() -> None:
    # the parse hangs the opening mark on "said": the clause still starts at the mark
    q = by_text('Though he said "budget reforms" and the collection of unpaid taxes would help.')
    clause = first_clause(q)
    assert clause.text == '"budget reforms" and the collection of unpaid taxes would help'
    assert q['"budget reforms"'].parent == clause.id


def test_quotes_characterisation_stops_before_the_cue_verbs_adjuncts() -> None:
    # "during campaign stop" is when Clinton spoke, not what he called Obamacare
    q = by_text("Bill Clinton calls Obamacare ‘crazy system’ during campaign stop")
    clause = first_clause(q)
    assert clause.text == "Obamacare ‘crazy system’"
    assert q["‘crazy system’"].parent == clause.id


def test_quotes_fragment_right_after_a_clause_continues_it() -> None:
    q = by_text(
        "Mr. Cruz pledged to oppose legal status for undocumented immigrants "
        "“today, tomorrow, forever.”"
    )
    clause = first_clause(q)
    assert clause.text.startswith("to oppose legal status")
    assert clause.text.endswith("“today, tomorrow, forever.”")
    assert q["“today, tomorrow, forever.”"].parent == clause.id


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("Trump said things “should be wrapped up by Cleveland,” referring to the party’s "
         "July convention.", "things “should be wrapped up by Cleveland,”"),
        ("Beck has also called the Texas senator “the next George Washington” – the Founding "
         "Father whom Beck idolizes.", "the Texas senator “the next George Washington”"),
    ],
)  # fmt: skip
def test_quotes_reported_clause_stops_where_the_reporter_takes_over(text: str, clause: str) -> None:
    q = by_text(text)
    assert clause in q and q[clause].kind == "indirect", list(q)


def test_quotes_reported_clause_goes_on_after_a_fragment_and_a_coordinated_part() -> None:
    q = by_text("Mr. Obama said the plan was “bold,” and that Congress would pass it.")
    clause = first_clause(q)
    assert clause.text.endswith("Congress would pass it"), list(q)


def test_quotes_a_quotation_ending_a_reported_clause_is_part_of_it() -> None:
    q = by_text(
        "Clinton spokesman Jesse Lehrich said Friday that if his candidate were to win in "
        "November, “she would sign this legislation if it came to her desk.”"
    )
    clause = first_clause(q)
    assert clause.text.startswith("if his candidate were to win")
    direct = next(x for x in q.values() if x.kind == "direct")
    assert direct.parent == clause.id and direct.text.startswith("“she would sign")
    q = by_text("Trump said at a rally in Ohio, “We will win.”")  # a setting, not what was said
    assert [(x.kind, x.parent) for x in q.values()] == [("direct", None)]


def test_quotes_a_quoted_label_in_front_of_its_noun_is_a_mention() -> None:
    q = by_text("As the “Never Trump” movement continues to battle, Cruz spoke to donors.")
    assert q["“Never Trump”"].kind == "mention" and q["“Never Trump”"].speaker is None
    q = by_text("The “Avatar” star posted a message on Facebook.")
    assert q["“Avatar”"].kind == "mention"
    q = by_text("Begin said the talks were “a waste of time.”")  # a predicate, not a label
    assert q["“a waste of time.”"].kind == "partial"


def test_quotes_a_fragment_closing_an_aside_does_not_end_the_report() -> None:
    q = by_text("Trump said the deal, which he called “historic,” would pass the Senate.")
    assert first_clause(q).text.endswith("would pass the Senate")


def test_quotes_speaker_beside_the_cue_when_the_parse_takes_quoted_words_for_it() -> None:
    # the parser makes the quoted list of states the subject of "said": the speaker is the
    # name between the closing mark and the cue, and the continuation shares the cue
    q = by_text(
        "Mr. Smith spoke in Ohio on Monday.\n\n"
        "''We can win in states that Republicans don't usually win anymore: Michigan, "
        "Pennsylvania, Virginia, Ohio,'' Mr. Smith said. ''I am a little surprised, to tell "
        "you the truth.''"
    )
    first = next(x for x in q.values() if x.text.startswith("''We can win"))
    assert (first.speaker_text, first.cue and first.cue.text) == ("Mr. Smith", "said")
    second = next(x for x in q.values() if x.text.startswith("''I am"))
    assert second.cue == first.cue


@pytest.mark.parametrize(
    ("text", "first", "speaker"),
    [
        # the verb of the sentence before ("saying") is not the cue of a quotation that opens
        # a new sentence; the cue after it is, and the continuation shares it
        ("Aides have been urging the governor to resign, saying that only a scandal would "
         "move him to act. ''We need a change,'' said Ms. Lopez, referring to the party's "
         "rules. ''Give us the time and we will finish it.''", "''We need a change,''",
         "Ms. Lopez"),
        # a quotation closed by a full stop: the next sentence's cue is someone else's
        ("“It is a very sad day,” Cruz told reporters in Milwaukee. “This is the consequence "
         "of the culture of that campaign.” Ohio Gov. John Kasich said he would have fired "
         "the manager.", "“It is a very sad day,”", "Cruz"),
        # nor is a cue past a line break
        ("“The plan has been a failure for a very long time,” said Ann Mapp, a delegate from "
         "Ohio. “It has no place in our towns.”\nMartha Allen, a delegate from Vermont, "
         "criticized the state's laws.", "“The plan has been a failure for a very long time,”",
         "Ann Mapp"),
    ],
)  # fmt: skip
def test_quotes_a_cue_in_another_sentence_is_not_the_quotations(
    text: str, first: str, speaker: str
) -> None:
    q = by_text(text)
    opening = q[first]
    assert opening.speaker_text == speaker, [(x.text, x.speaker_text) for x in q.values()]
    rest = [x for x in q.values() if x.kind == "direct" and x.start > opening.end]
    assert rest and all(x.cue == opening.cue and x.speaker_text == speaker for x in rest)


@pytest.mark.parametrize(
    "text",
    [
        "''Obama doesn't get along with Putin,'' he said on ABC's ''This Week.''",
        "''North Korea is a paranoid nation,'' the senator told ABC's ''Good Morning America.''",
        "“Of course we will release them,” Sanders said during an interview on CNN’s “State of "
        "the Union” on Sunday.",
    ],
)
def test_quotes_a_title_where_or_to_whom_it_was_said_is_not_what_was_said(text: str) -> None:
    q = by_text(text)
    assert [x.kind for x in q.values()] == ["direct", "mention"], [
        (x.kind, x.text) for x in q.values()
    ]


def test_quotes_a_quotation_going_on_with_a_reported_clause_is_part_of_it() -> None:
    q = by_text(
        "If the law has never had its day in court, Giuliani said, there's a simple "
        "explanation: “There's never been a secretary who has been as reckless.”"
    )
    clause = first_clause(q)
    assert clause.text.startswith("there's a simple explanation") and clause.text.endswith(
        "as reckless.”"
    )
    direct = next(x for x in q.values() if x.kind == "direct")
    assert direct.parent == clause.id


@pytest.mark.parametrize(
    "text",
    [
        "Smith said at 5 p.m. Monday that “we are done.”",
        "Smith told reporters in Sacramento, Calif. Monday that the plan was “dead on arrival.”",
    ],
)
def test_quotes_an_abbreviation_before_the_quotation_does_not_end_the_cue_s_sentence(
    text: str,
) -> None:
    q = by_text(text)
    found = [(x.kind, x.speaker_text) for x in q.values()]
    assert found and all(kind != "mention" and who == "Smith" for kind, who in found), found
