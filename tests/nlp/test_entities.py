"""The entities stage: repair of the model's entities, grouping, gazetteer links, roles."""

from __future__ import annotations

import storyline
from storyline.model import Document, Entity


def _analyze(text: str, published: str = "2023-05-02", title: str | None = None) -> Document:
    return storyline.analyze(text, published=published, title=title)


def _entity(document: Document, name: str) -> Entity:
    found = [e for e in document.entities if e.name == name]
    assert found, [e.name for e in document.entities]
    return found[0]


def _mentions(entity: Entity) -> list[tuple[str, str]]:
    return [(m.text, m.kind) for m in entity.mentions]


def test_entities_surnames_and_typos_join_the_full_name() -> None:
    doc = _analyze(
        "Anwar Sadat flew to Jerusalem on Saturday. Sadat met Menachem Begin. "
        "Later Begin said Sadta was brave."
    )
    sadat = _entity(doc, "Anwar Sadat")
    assert [m.text for m in sadat.mentions][:2] == ["Anwar Sadat", "Sadat"]
    assert _entity(doc, "Menachem Begin").type == "person"


def test_entities_link_to_the_gazetteer_with_country_sector_and_wikidata() -> None:
    doc = _analyze("German Chancellor Angela Merkel met reporters in Berlin.", "2010-03-01")
    merkel = _entity(doc, "Angela Merkel")
    assert (merkel.gazetteer, merkel.country, merkel.sector) == (
        "angela-merkel",
        "de",
        "government",
    )
    assert merkel.wikidata == "Q567"


def test_entities_descriptions_resolve_to_the_office_holder_at_the_date() -> None:
    doc = _analyze(
        "Germany and France signed a deal. The German chancellor said it was fair.", "2010-03-01"
    )
    merkel = _entity(doc, "Angela Merkel")
    assert ("German chancellor", "description") in _mentions(merkel)
    later = _analyze(
        "Germany and France signed a deal. The German chancellor said it was fair.", "2023-03-01"
    )
    assert "Angela Merkel" not in [e.name for e in later.entities]


def test_entities_a_title_given_earlier_resolves_the_description() -> None:
    doc = _analyze(
        "Prime Minister Jane Doe of Ruritania spoke on Monday. "
        "The prime minister said the talks had failed."
    )
    assert ("prime minister", "description") in _mentions(_entity(doc, "Jane Doe"))


def test_entities_demonyms_acting_are_the_country_governments_are_their_own_actor() -> None:
    doc = _analyze("Turkish troops crossed the border. The Turkish government denied it.")
    turkey = _entity(doc, "Turkey")
    assert ("Turkish", "demonym") in _mentions(turkey) and turkey.type == "country"
    government = _entity(doc, "Government of Turkey")
    assert government.sector == "government" and government.country == "tr"
    assert _mentions(government) == [("Turkish government", "description")]


def test_entities_a_demonym_before_a_states_act_is_the_country() -> None:
    doc = _analyze(
        "The Russian invasion of Ukraine began in February. The Egyptian proposals were "
        "rejected. Egyptian protests grew. Turkish voters went to the polls."
    )
    assert ("Russian", "demonym") in _mentions(_entity(doc, "Russia"))
    assert ("Egyptian", "demonym") in _mentions(_entity(doc, "Egypt"))  # its proposals
    assert _entity(doc, "Egyptian").type == "group"  # the protests are the people's
    assert _entity(doc, "Turkish").type == "group"


def test_entities_a_demonym_before_a_leaders_title_is_the_country() -> None:
    doc = _analyze("Recep Tayyip Erdogan spoke. The Turkish leader said he would visit.")
    assert ("Turkish", "demonym") in _mentions(_entity(doc, "Turkey"))
    assert ("Turkish leader", "description") in _mentions(_entity(doc, "Recep Tayyip Erdoğan"))
    doc = _analyze("It was the first visit to Egypt by an Israeli head of government.")
    assert ("Israeli", "demonym") in _mentions(_entity(doc, "Israel"))


def test_entities_a_subject_pronoun_is_the_person_named_just_before() -> None:
    doc = _analyze("Angela Merkel arrived late. She said the delay was regrettable.", "2010-03-01")
    assert ("She", "pronoun") in _mentions(_entity(doc, "Angela Merkel"))


def test_entities_a_pronoun_of_the_other_gender_is_not_resolved() -> None:
    doc = _analyze("Mr. John Kowalski arrived late. She said the delay was regrettable.")
    assert all(m.kind != "pronoun" for m in _entity(doc, "John Kowalski").mentions)


def test_entities_weapons_are_products_not_people() -> None:
    doc = _analyze("Washington sent Tomahawk missiles. Officials said Tomahawk stocks were low.")
    assert all(e.type != "person" for e in doc.entities if "Tomahawk" in e.name)


def test_entities_outlets_and_acronyms() -> None:
    doc = _analyze(
        "The North Atlantic Treaty Organization met on Monday. NATO said it would act, "
        "aides told Politico."
    )
    politico = _entity(doc, "Politico")
    assert politico.type == "organisation" and politico.sector == "media"
    nato = [e for e in doc.entities if any(m.text == "NATO" for m in e.mentions)]
    assert len(nato) == 1 and [m.kind for m in nato[0].mentions] == ["name", "name", "pronoun"]


def test_entities_a_longer_name_holding_a_country_is_not_the_country() -> None:
    doc = _analyze("Protesters gathered in Mexico City on Sunday.")
    assert all(e.gazetteer != "country:mx" for e in doc.entities)


def test_entities_a_gazetteer_name_the_model_took_with_its_possessive_keeps_its_link() -> None:
    doc = _analyze("Johnson called Theresa May's proposed Brexit deal lousy.", "2019-01-15")
    may = _entity(doc, "Theresa May")  # the model reads "Theresa May's" as an organisation
    assert (may.type, may.wikidata) == ("person", "Q264766")


def test_entities_makers_models_and_known_products_are_products() -> None:
    doc = _analyze(
        "The Boeing 737-800 will fly in May. Airbus sold 24 A320s, and Apple sold the "
        "iPhone 4 on iOS 4. The G20 met in 2009 and 300 people came."
    )
    products = sorted(e.name for e in doc.entities if e.type == "product")
    assert products == ["A320s", "Boeing 737-800", "iOS 4", "iPhone 4"]
    assert {e.name for e in doc.entities if e.type == "organisation"} >= {"Airbus", "Apple", "G20"}


def test_entities_pronouns_relatives_and_descriptions_by_type() -> None:
    doc = _analyze(
        "Airbus, which builds the A380, said it would cut jobs. The company expects the "
        "aircraft to fly in May. It is expected that sales will rise. Tom Enders said his "
        "plan works."
    )
    airbus = _mentions(_entity(doc, "Airbus"))
    assert airbus == [("Airbus", "name"), ("which", "pronoun"), ("it", "pronoun"),
                      ("The company", "description")]  # fmt: skip
    assert ("the aircraft", "description") in _mentions(_entity(doc, "A380"))
    assert ("his", "pronoun") in _mentions(_entity(doc, "Tom Enders"))
    assert all(m.text != "It" for e in doc.entities for m in e.mentions)  # an empty "it"


def test_entities_a_short_form_of_an_organisation_joins_its_full_name() -> None:
    doc = _analyze("Northrop Grumman won the contract. Northrop said the work starts in May.")
    assert _mentions(_entity(doc, "Northrop Grumman"))[:2] == [
        ("Northrop Grumman", "name"),
        ("Northrop", "name"),
    ]


def test_entities_a_former_title_names_only_whom_the_article_gave_it() -> None:
    doc = _analyze(
        "Former Secretary of State Hillary Clinton spoke in Ohio. The former secretary of "
        "state said the plan failed. The former president stayed home.",
        "2016-05-02",
    )
    clinton = _mentions(_entity(doc, "Hillary Clinton"))
    assert ("former secretary of state", "description") in clinton
    assert "State" not in [e.name for e in doc.entities]  # part of the title, not a name
    assert all("president" not in m.text for e in doc.entities for m in e.mentions)


def test_entities_a_dateline_in_capitals_does_not_name_the_entity() -> None:
    doc = _analyze("WASHINGTON — Officials in Washington said the talks failed.")
    assert [e.name for e in doc.entities if e.type == "place"] == ["Washington"]
