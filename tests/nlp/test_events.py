"""The events stage: coding, arguments, modality, dates and the lexicon file."""

from __future__ import annotations

from pathlib import Path

import pytest

import storyline
from storyline.errors import ConfigError
from storyline.model import Document, Event
from storyline.nlp.eventing.lexicon import (
    EVENT_TYPES,
    OTHER,
    cameo_of,
    default_lexicon,
    intensity,
    read_lexicon,
)


def _analyze(text: str, published: str = "2024-05-10") -> Document:
    return storyline.analyze(text, published=published)


def _event(document: Document, trigger: str) -> Event:
    found = [e for e in document.events if e.trigger.text == trigger]
    assert found, [(e.trigger.text, e.type) for e in document.events]
    return found[0]


def _names(document: Document, ids: list[str]) -> list[str]:
    names = {e.id: e.name for e in document.entities}
    return [names[i] for i in ids]


def test_a_verb_is_coded_with_type_mode_cameo_intensity_actor_and_recipient() -> None:
    doc = _analyze("Erdogan accused Israel of genocide on Tuesday.")
    event = _event(doc, "accused")
    assert (event.type, event.mode, event.cameo, event.intensity) == (
        "ACCUSE",
        "allege",
        "11",
        -3.5,
    )
    assert [doc.entities[0].id] == event.actor and "Erdo" in doc.entities[0].name
    assert _names(doc, event.recipient) == ["Israel"]
    assert event.modality == "asserted"
    assert event.date == "2024-05-07" and event.granularity == "day" and event.before is None
    assert doc.sentences[event.sentence or 0].start == 0


def test_a_noun_takes_the_subject_of_a_verb_that_does_it_not_of_one_that_judges_it() -> None:
    doc = _analyze("Israel announced the withdrawal of troops. Egypt took part in the talks.")
    assert _names(doc, _event(doc, "withdrawal").actor) == ["Israel"]
    assert _names(doc, _event(doc, "talks").actor) == ["Egypt"]
    doc = _analyze("Turkey condemned the attack. Erdogan welcomed the agreement.")
    assert _event(doc, "attack").actor == [] and _event(doc, "agreement").actor == []
    doc = _analyze("During the talks, Russia shelled the city.")
    assert _event(doc, "talks").actor == []  # when Russia shelled: not Russia's talks
    doc = _analyze("Israel survived an attack by Hamas.")
    assert _names(doc, _event(doc, "attack").actor) == ["Hamas"]


def test_a_verb_the_model_lemmatises_as_another_word_is_still_coded() -> None:
    text = "Salaheddine Sidhoum staged a hunger strike. The court fined Google. He rapped it."
    doc = _analyze(text)
    assert _names(doc, _event(doc, "strike").actor) == ["Salaheddine Sidhoum"]  # "stage": light
    assert _event(doc, "fined").type == "SANCTION" and _event(doc, "fined").lemma == "fine"
    assert not [e for e in doc.events if e.lemma == "rape"]  # "rapped" is "rap"


def test_a_light_verb_hands_its_subject_to_the_event_noun() -> None:
    doc = _analyze("Russia launched an attack on Ukraine in February 2022.")
    event = _event(doc, "attack")
    assert event.type == "ASSAULT" and event.intensity == -9
    assert _names(doc, event.actor) == ["Russia"] and _names(doc, event.recipient) == ["Ukraine"]
    assert event.date == "2022-02"
    assert not [e for e in doc.events if e.trigger.text == "launched"]


def test_verb_and_object_keys_and_the_objects_prepositions() -> None:
    doc = _analyze("The United States imposed sanctions on Iran on Monday.")
    event = _event(doc, "imposed")
    assert event.type == "SANCTION"
    assert _names(doc, event.actor) == ["United States"]
    assert _names(doc, event.recipient) == ["Iran"]
    assert not [e for e in doc.events if e.trigger.text == "sanctions"]


def test_compound_actors_of_a_reciprocal_event_are_also_its_recipients() -> None:
    doc = _analyze("Hungary and Romania agreed on Wednesday to cooperate.")
    event = _event(doc, "agreed")
    assert event.type == "AGREE"
    assert sorted(_names(doc, event.actor)) == ["Hungary", "Romania"]
    assert sorted(_names(doc, event.recipient)) == ["Hungary", "Romania"]
    doc = _analyze("Senior Hungarian officials met Romanian officials on Wednesday.")
    assert _names(doc, _event(doc, "met").actor) == ["Hungary"]


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        ("Germany will not take part in the talks.", "talks", "negated"),
        ("Iran did not attack the ship.", "attack", "negated"),
        ("Iran refused to meet Israel.", "meet", "negated"),
        ("Macron is expected to visit Beijing next week.", "visit", "future"),
        ("Macron will visit Beijing.", "visit", "future"),
        ("Turkey could mediate between Russia and Ukraine.", "mediate", "hypothetical"),
        ("If Russia attacks Finland, NATO will respond.", "attacks", "hypothetical"),
        ("Russia attacked Ukraine.", "attacked", "asserted"),
    ],
)
def test_modality(text: str, trigger: str, modality: str) -> None:
    doc = _analyze(text)
    own = [
        e
        for e in doc.events
        if e.trigger.text == trigger
        and e.lemma == e.trigger.text
        or e.trigger.text == trigger
        and e.type not in ("AGREE", "REJECT", "THREATEN")
    ]
    assert modality in {e.modality for e in own}, own


@pytest.mark.parametrize(
    ("text", "trigger", "event", "stance"),
    [
        ("Hungary will support the resolution.", "support", "SUPPORT", "AGREE"),
        ("Syria will not accept more refugees.", "accept", "AGREE", "REJECT"),
        ("Israel and Egypt failed to reach an agreement.", "reach", "AGREE", "REJECT"),
        ("Russia will attack Ukraine.", "attack", "ASSAULT", "THREATEN"),
        ("The party said it would boycott the elections unless the president resigns.",
         "boycott", "PROTEST", "THREATEN"),
        ("The European Union may halt the talks if the fighting goes on.",
         "halt", "SANCTION", "THREATEN"),
    ],
)  # fmt: skip
def test_announced_refused_and_threatened_events_are_coded_as_plover_does(
    text: str, trigger: str, event: str, stance: str
) -> None:
    doc = _analyze(text)
    found = {(e.type, e.modality) for e in doc.events if e.trigger.text == trigger}
    assert stance in {kind for kind, _ in found}, found
    own = [modality for kind, modality in found if kind == event]
    assert own and own[0] in ("future", "negated", "hypothetical"), found


@pytest.mark.parametrize(
    "text",
    [
        "Russia will not attack Ukraine, Putin said.",
        "Red Hat will never prevent its employees from contributing.",
        "She will not be blocked from taking the oath of office.",
        "It would have prevented the game from starting.",  # what did not happen
    ],
)
def test_a_conflictual_act_announced_as_not_to_be_done_is_no_threat(text: str) -> None:
    coded = [(e.trigger.text, e.type) for e in _analyze(text).events]
    assert "THREATEN" not in {kind for _, kind in coded}, coded


def test_withdrawing_from_a_place_is_a_retreat_and_from_an_agreement_a_sanction() -> None:
    doc = _analyze("The United States withdrew from Syria.")
    assert (_event(doc, "withdrew").type, _event(doc, "withdrew").mode) == ("RETREAT", "withdraw")
    doc = _analyze("The United States withdrew from the Paris agreement.")
    assert _event(doc, "withdrew").type == "SANCTION"
    doc = _analyze("The United Nations will withdraw its inspectors from Iraq.")
    assert "RETREAT" not in {e.type for e in doc.events if e.trigger.text == "withdraw"}
    doc = _analyze("Israel will not withdraw from the occupied territories.")
    assert "REJECT" in {e.type for e in doc.events if e.trigger.text == "withdraw"}


@pytest.mark.parametrize(
    ("text", "trigger", "kind"),
    [
        ("The minister paid tribute to the soldiers.", "tribute", "SUPPORT"),
        ("The senator lambasted the president.", "lambasted", "ACCUSE"),
        ("The governor granted him clemency.", "granted", "CONCEDE"),
        ("The regime persecuted journalists.", "persecuted", "COERCE"),
        ("The militants slew three villagers.", "slew", "ASSAULT"),
        ("Britain relinquished control of Hong Kong.", "relinquished", "RETREAT"),
    ],
)
def test_near_synonyms_of_listed_predicates_are_coded(text: str, trigger: str, kind: str) -> None:
    assert _event(_analyze(text), trigger).type == kind


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("His coworkers alerted the authorities.", "alerted"),
        ("You talk about reselling.", "talk"),
        ("She was asked about the new laws.", "asked"),
        ("McArthur pleaded guilty to eight murders.", "pleaded"),
        ("Avenatti pled not guilty to the charges.", "pled"),
        ("Better graphics will compromise the advantage.", "compromise"),
        ("Trump delivered a speech in Tulsa.", "delivered"),
        ("The earthquake killed 200 people in Turkey.", "killed"),
        ("Five soldiers were killed in a car crash.", "killed"),
        ("A plane crashed in Connecticut, killing seven.", "killing"),
        ("Sanders had the most pledged delegates after Iowa.", "pledged"),
        ("Israel will not leave the occupied territories.", "occupied"),
        ("The findings support the hypothesis.", "support"),
        ("She asked me what had happened.", "asked"),
        ("He did not seek reelection in 2017.", "seek"),
        ("Trump sought to overturn the results.", "sought"),
        ("Mazars released his tax returns.", "released"),
        ("The judge ordered the release of the tax records.", "release"),
        ("Firefighters worked to prevent further damage.", "prevent"),
        ("My family did not accept him.", "accept"),
        ("Biden spoke to reporters on Monday.", "spoke"),
        ("Trump discussed the economy in his speech.", "discussed"),
        ("The Coast Guard called off its search on Tuesday.", "called"),
        ("La Riva agreed with the nationalization of the Federal Reserve.", "agreed"),
        ("Joshua Winch was offering DVDs of his films.", "offering"),
        ("Senator Ted Cruz proposes an amendment to the Constitution.", "proposes"),
        ("CentOS Stream does not meet their needs.", "meet"),
        ("He was not granted bail.", "granted"),
        ("Rogue operatives committed the murder.", "committed"),
        ("I received scholarship offers from US colleges.", "received"),
        ("Please visit our Main Page for more.", "visit"),
        ("Explosives killed a jackal in Tamil Nadu.", "killed"),
        ("I have to fight against DRM.", "fight"),
        ("One user submitted a pull request to the repository.", "request"),
        ("He died of a cardiac arrest on Tuesday.", "arrest"),
        ("A fire killed five girls in Koszalin.", "killed"),
        ("Stocks rallied on Tuesday.", "rallied"),
        ("Thank you for taking the time to speak with us.", "Thank"),
        ("Shaw disarmed a shooter at a restaurant.", "disarmed"),
        ("It is planned for the next RHEL release.", "release"),
    ],
)
def test_everyday_senses_of_listed_predicates_are_not_coded(text: str, trigger: str) -> None:
    coded = {e.type for e in _analyze(text).events if e.trigger.text == trigger}
    assert coded <= {"OTHER"}, coded


@pytest.mark.parametrize(
    ("text", "trigger", "kind"),
    [
        ("Putin and Erdogan talked about Syria.", "talked", "CONSULT"),
        ("Rebels killed five soldiers.", "killed", "ASSAULT"),
        ("Russia delivered weapons to Syria.", "delivered", "AID"),
        ("UNICEF delivered 105 thousand doses of vaccine to Samoa.", "delivered", "AID"),
        ("Israel alerted its troops along the border.", "alerted", "MOBILIZE"),
        ("The British relinquished control of Hong Kong to China.", "relinquished", "RETREAT"),
        ("Germany supported the resolution.", "supported", "SUPPORT"),
        ("Iran asked Russia to help.", "asked", "REQUEST"),
        ("Iran sought help from Russia.", "sought", "REQUEST"),
        ("Iran released the British tanker.", "released", "RETREAT"),
        ("The release of the hostages was welcomed.", "release", "RETREAT"),
        ("Turkish police prevented the demonstration.", "prevented", "COERCE"),
        ("Israel prevented journalists from entering Gaza.", "prevented", "COERCE"),
        ("Denmark accepted a formula for ending the dispute.", "accepted", "AGREE"),
        ("Biden spoke with Putin on Monday.", "spoke", "CONSULT"),
        ("Putin discussed Syria with Erdogan.", "discussed", "CONSULT"),
        ("Macron called on Iran to release the sailors.", "called", "REQUEST"),
        ("Israel agreed with Egypt on a ceasefire.", "agreed", "AGREE"),
        ("Qatar offered help to Lebanon.", "offered", "AGREE"),
        ("Bolton offered to resign.", "offered", "AGREE"),
        ("Erdogan offered condolences to Trump.", "offered", "STATEMENT"),
        ("Russia proposed talks with Ukraine.", "proposed", "AGREE"),
        ("Trump granted Milken a full pardon.", "granted", "CONCEDE"),
        ("Japan granted a loan to Kenya.", "granted", "AID"),
        ("McConnell committed to holding a trial.", "committed", "AGREE"),
        ("Putin received the Iranian delegation in Moscow.", "received", "CONSULT"),
        ("Biden visited Kyiv.", "visited", "CONSULT"),
        ("The coalition came to Iraq to fight ISIS.", "fight", "ASSAULT"),
        ("Thousands of people rallied at Freedom Plaza.", "rallied", "PROTEST"),
        ("Republicans rallied behind Trump.", "rallied", "SUPPORT"),
        ("Hongkongers have been protesting since June.", "protesting", "PROTEST"),
        ("A Black Lives Matter group protested outside the White House.", "protested", "PROTEST"),
        ("Greenpeace protested to the government over the plan.", "protested", "ACCUSE"),
        ("Soldiers fired on the crowd, killing 12 people.", "killing", "ASSAULT"),
        ("Twelve people were killed by sniper fire in Aleppo.", "killed", "ASSAULT"),
        ("Iran and the United States agreed that talks would resume.", "agreed", "AGREE"),
        ("The rebels prevented us from leaving.", "prevented", "COERCE"),
        ("A number of countries supported the resolution.", "supported", "SUPPORT"),
        ("The United States granted Ukraine $500 million.", "granted", "AID"),
        ("Israel and Hamas agreed on further prisoner releases.", "releases", "RETREAT"),
        ("Netanyahu thanked Trump for his support.", "thanked", "STATEMENT"),
        ("The rebels agreed to disarm.", "disarm", "RETREAT"),
        ("China protested the decision.", "protested", "ACCUSE"),
    ],
)
def test_their_political_senses_still_are(text: str, trigger: str, kind: str) -> None:
    assert kind in {e.type for e in _analyze(text).events if e.trigger.text == trigger}


def test_a_possible_act_without_a_condition_is_no_threat() -> None:
    doc = _analyze("The European Union may halt the talks.")
    assert {e.type for e in doc.events if e.trigger.text == "halt"} == {"SANCTION"}


def test_who_is_held_responsible_for_an_act_is_its_actor() -> None:
    doc = _analyze("Sudan is responsible for the killings in Darfur.")
    assert _names(doc, _event(doc, "killings").actor) == ["Sudan"]
    doc = _analyze("Hamas claimed responsibility for the bombing.")
    assert _names(doc, _event(doc, "bombing").actor) == ["Hamas"]
    doc = _analyze("Israel blamed Hezbollah for the attack.")
    assert _names(doc, _event(doc, "attack").actor) == ["Hezbollah"]


def test_who_an_act_is_laid_at_the_door_of_is_its_actor_and_not_its_recipient() -> None:
    doc = _analyze("Saudi Arabia attributed the bombing to the Houthis.")
    bombing = _event(doc, "bombing")
    assert _names(doc, bombing.actor) == ["Houthis"] and bombing.recipient == []
    doc = _analyze("Israel blamed the attack on Iran.")
    attack = _event(doc, "attack")
    assert _names(doc, attack.actor) == ["Iran"] and attack.recipient == []
    doc = _analyze("Iran blamed the attack on its embassy on Israel.")
    assert "Iran" not in _names(doc, _event(doc, "attack").actor)  # the target, not the culprit


def test_what_a_verb_gives_goes_to_its_indirect_object_or_its_to() -> None:
    doc = _analyze("Finland will give Tanzania a grant.")
    assert _names(doc, _event(doc, "grant").recipient) == ["Tanzania"]
    doc = _analyze("Biden sent his condolences to Trump.")
    assert _names(doc, _event(doc, "condolences").recipient) == ["Trump"]
    doc = _analyze("Sanders lost the nomination to Hillary Clinton.")  # not given to her
    assert _event(doc, "nomination").recipient == []


@pytest.mark.parametrize(
    ("text", "trigger", "coded"),
    [
        ("Thousands demonstrated in Cairo.", "demonstrated", True),
        ("The trial demonstrated that the drug works.", "demonstrated", False),
        ("Iran declined to comment.", "declined", True),
        ("Sales of Apple's phones are declining.", "declining", False),
        ("The colony has declined by over 40 percent.", "declined", False),
        ("The panel made its recommendations, but he declined.", "declined", True),
        ("Israel opposed the resolution.", "opposed", True),
        ("Egypt favours talks, as opposed to Israel.", "opposed", False),
        ("Russia deployed troops to the border.", "deployed", True),
        ("Google deployed the software at Apple.", "deployed", False),
    ],
)  # fmt: skip
def test_verbs_with_an_everyday_sense_are_coded_only_in_their_political_one(
    text: str, trigger: str, coded: bool
) -> None:
    doc = _analyze(text)
    kinds = {e.type for e in doc.events if e.trigger.text == trigger}
    assert bool(kinds - {"OTHER"}) == coded, kinds


def test_an_offer_is_an_intent_and_accepted_demands_a_concession() -> None:
    doc = _analyze("Libya offered aid to Egypt.")
    offered = _event(doc, "offered")
    assert offered.type == "AGREE" and _names(doc, offered.recipient) == ["Egypt"]
    assert _event(doc, "aid").type == "AID"
    doc = _analyze("Iran offered condolences to Turkey.")
    assert _event(doc, "offered").type == "STATEMENT"  # the statement itself, not an offer
    doc = _analyze("The government of Rwanda accepted the demands of the rebels.")
    assert _event(doc, "accepted").type == "CONCEDE"


def test_an_event_told_in_a_quotation_is_claimed_with_its_quote_and_source() -> None:
    doc = _analyze('"Trudeau betrayed us," Pierre Poilievre told a rally on Friday.')
    event = _event(doc, "betrayed")
    assert event.type == "ACCUSE" and event.modality == "claimed"
    assert event.quote is not None and event.quote in {q.id for q in doc.quotes}
    assert _names(doc, [event.source or ""]) == ["Pierre Poilievre"]
    told = [e for e in doc.events if e.trigger.text == "told"]
    assert all(e.modality == "asserted" for e in told)


def test_leaders_diplomacy_is_kept_as_statements() -> None:
    doc = _analyze(
        "Joe Biden congratulated Narendra Modi on Tuesday. Meloni stopped speaking to Macron."
    )
    congratulated = _event(doc, "congratulated")
    assert (congratulated.type, congratulated.mode, congratulated.intensity) == (
        "STATEMENT",
        "congratulate",
        3.4,
    )
    stopped = _event(doc, "stopped")
    assert (stopped.type, stopped.mode) == ("STATEMENT", "break")
    assert stopped.intensity is not None and stopped.intensity < 0


def test_other_events_keep_their_lemma_and_need_an_entity() -> None:
    doc = _analyze("Apple opened a store in Paris. Later the weather turned cold.")
    opened = _event(doc, "opened")
    assert (opened.type, opened.mode, opened.intensity) == ("OTHER", "open", None)
    assert not [e for e in doc.events if e.trigger.text == "turned"]


def test_event_nouns_plover_does_not_code_are_kept_when_an_entity_takes_part() -> None:
    doc = _analyze("Apple's sales rose sharply in March. The sales were strong.")
    sales = [e for e in doc.events if e.trigger.text == "sales"]
    assert len(sales) == 1 and (sales[0].type, sales[0].mode) == ("OTHER", "sale")
    assert _names(doc, sales[0].actor) == ["Apple"]
    assert sales[0].cameo is None and sales[0].intensity is None


def test_a_light_verb_keeps_its_own_event_before_an_uncoded_noun() -> None:
    doc = _analyze("Apple announced the launch of a new phone.")
    announced, launch = _event(doc, "announced"), _event(doc, "launch")
    assert _names(doc, announced.actor) == ["Apple"] == _names(doc, launch.actor)


def test_reporting_verbs_are_events_of_a_speaking_entity_only() -> None:
    doc = _analyze("Apple said on Monday that it would cut prices. The report said prices fell.")
    said = [e for e in doc.events if e.trigger.text == "said"]
    assert len(said) == 1 and said[0].type == "OTHER" and _names(doc, said[0].actor) == ["Apple"]
    assert said[0].date == "2024-05-06"


@pytest.mark.parametrize(
    ("text", "trigger", "actor", "recipient"),
    [
        ("The ruling prompted Apple Corps to file suit against Apple Computer.", "file",
         ["Apple Corps"], ["Apple Computer"]),  # object control
        ("Steve Jobs unveiled the iPad on Wednesday, saying it was magical.", "saying",
         ["Steve Jobs"], []),  # a non-finite adverbial clause shares the main subject
        ("Pixar, which was bought by Disney in 2006, makes films.", "bought",
         ["Disney"], ["Pixar"]),  # a relative pronoun stands for its noun
        ("This was Steve Jobs' third period of medical leave.", "leave", ["Steve Jobs"], []),
        ("Tim Cook took over from Steve Jobs in August.", "took over",
         ["Tim Cook"], ["Steve Jobs"]),  # a phrasal verb is not its bleached verb
    ],
)  # fmt: skip
def test_arguments_through_control_clauses_relatives_and_nouns(
    text: str, trigger: str, actor: list[str], recipient: list[str]
) -> None:
    doc = _analyze(text)
    event = _event(doc, trigger)
    assert (_names(doc, event.actor), _names(doc, event.recipient)) == (actor, recipient)


def test_an_event_without_its_own_time_has_no_date_and_the_publication_bound() -> None:
    event = _event(_analyze("Israel attacked Gaza."), "attacked")
    assert event.date is None and event.time is None and event.before == "2024-05-10"


def test_a_month_name_is_not_a_march() -> None:
    doc = _analyze("Protesters gathered in Paris in March 2019.")
    assert not [e for e in doc.events if e.trigger.text == "March"]


def test_ids_are_in_text_order() -> None:
    doc = _analyze("Russia invaded Ukraine. Poland condemned Russia. Germany sent aid to Ukraine.")
    assert [e.id for e in doc.events] == [f"v{i}" for i in range(1, len(doc.events) + 1)]
    assert [e.trigger.start for e in doc.events] == sorted(e.trigger.start for e in doc.events)


def test_the_lexicon_is_consistent() -> None:
    lexicon = default_lexicon()
    codes = [*lexicon.verbs.values(), *lexicon.nouns.values()]
    assert {c.type for c in codes} <= set(EVENT_TYPES)
    assert all(c.type != OTHER for c in lexicon.verbs.values())  # OTHER lists event nouns
    for code in codes:
        if code.type == OTHER:  # an event noun PLOVER does not code
            assert code.mode is None and code.cameo is None and code.needs is None, code
            continue
        assert intensity(code.type, code.mode) is not None, code
        assert code.cameo is not None and len(code.cameo) == 2
    assert cameo_of("ASSAULT", None) in ("18", "19", "20")
    assert intensity("ACCUSE", None) == -3  # the manual's +3 is a sign error


def test_a_malformed_lexicon_line_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.tsv"
    path.write_text("# header\naccuse\tV\tACCUSE\tallege\t11\t-\nblame\tV\tBLAME\t-\t11\t-\n")
    with pytest.raises(ConfigError, match=r"lexicon.tsv:3: unknown event type 'BLAME'"):
        read_lexicon(path)
    path.write_text("accuse\tV\tACCUSE\tallege\t11\t-\naccuse\tV\tACCUSE\t-\t11\t-\n")
    with pytest.raises(ConfigError, match="listed twice"):
        read_lexicon(path)


def test_who_is_accused_of_an_act_is_its_actor_not_the_accuser() -> None:
    doc = _analyze("Iran accused the United States of killing its general.")
    killing = _event(doc, "killing")
    assert _names(doc, killing.actor) == ["United States"]
    assert killing.modality == "asserted" or killing.quote is not None
    doc = _analyze("Canada said Trudeau betrayed voters by pulling out of the deal.")
    assert _names(doc, _event(doc, "pulling").actor) == ["Trudeau"]


@pytest.mark.parametrize(
    ("text", "trigger", "context"),
    [
        ("Russia deployed troops to the border.", "deployed", "military"),
        ("The United States imposed tariffs on Chinese steel.", "imposed", "economic"),
        ("Egypt recalled its ambassador from Israel.", "recalled", "diplomatic"),
        ("Erdogan praised Putin.", "praised", None),
    ],
)
def test_the_plover_context_comes_from_the_sentences_words(
    text: str, trigger: str, context: str | None
) -> None:
    assert _event(_analyze(text), trigger).context == context


@pytest.mark.parametrize(
    "text",
    [
        "An Israeli official who asked not to be named said the talks would resume.",
        "A Turkish diplomat, who requested anonymity, said Ankara would wait.",
        "An aide who declined to be identified said Macron was angry.",
    ],
)
def test_the_formula_that_keeps_a_source_anonymous_is_no_event(text: str) -> None:
    doc = _analyze(text)
    lemmas = {e.lemma for e in doc.events}
    assert not lemmas & {"ask", "request", "decline"}, [
        (e.trigger.text, e.type) for e in doc.events
    ]
