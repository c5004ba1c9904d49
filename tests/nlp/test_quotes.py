"""Quotes, reported speech, speakers and attribution chains (newsfuse.nlp.quotes).

The sentences are written for these tests; the last tests run on the demo corpus."""

from __future__ import annotations

import json
import re

import pytest

from newsfuse.model import Article, Entity, Mention, Quote
from newsfuse.nlp.quotes import SPEECH_VERBS, find_quotes


def article(text: str, outlet: str | None = "Lowland Gazette", id: str = "a1") -> Article:
    return Article(id, f"{id}.txt", f"{id}.txt", "text", outlet, None, None, None, "en", text)


def entity(name: str, label: str, text: str, *written: str, article_id: str = "a1") -> Entity:
    """An entity with a mention at every occurrence of each written form in ``text``."""
    mentions = [
        Mention(article_id, m.start(), m.end(), form)
        for form in (written or (name,))
        for m in re.finditer(re.escape(form), text)
    ]
    return Entity(f"ent-{name.lower().replace(' ', '-')}", name, label, list(written), mentions)


def quotes_of(text: str, *entities: Entity, outlet: str | None = "Lowland Gazette") -> list[Quote]:
    return find_quotes([article(text, outlet)], list(entities))


def only(quotes: list[Quote], start: str) -> Quote:
    found = [q for q in quotes if q.text.startswith(start)]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


# --- direct quotes ---------------------------------------------------------------------------


def test_direct_quote_with_inverted_attribution_and_appositive():
    text = (
        '"The dam will hold through the winter," said Marta Quell, an engineer at the Ostrava '
        "Water Board."
    )
    quotes = quotes_of(text, entity("Marta Quell", "PERSON", text))
    q = only(quotes, "The dam will hold")
    assert (q.kind, q.speaker, q.verb) == ("direct", "Marta Quell", "say")
    assert q.speaker_entity_id == "ent-marta-quell"
    assert q.text == "The dam will hold through the winter"
    assert text[q.span[0] : q.span[1]] == q.text
    assert q.id == "q-a1-1"


def test_quote_split_by_its_attribution_gives_two_quotes_with_one_speaker():
    text = 'Tomas Brenner spoke last. "We are ready," he said. "But not yet."'
    quotes = quotes_of(text, entity("Tomas Brenner", "PERSON", text))
    first, second = only(quotes, "We are ready"), only(quotes, "But not yet")
    assert first.speaker == second.speaker == "Tomas Brenner"
    assert first.speaker_text == "he"
    assert second.kind == "direct"


def test_curly_quotes_and_a_quote_split_mid_sentence():
    text = "“The river rose overnight,” Ada Finch said, “and the bridge is closed.”"
    quotes = quotes_of(text, entity("Ada Finch", "PERSON", text))
    assert only(quotes, "The river rose").speaker == "Ada Finch"
    rest = only(quotes, "and the bridge")
    assert (rest.speaker, rest.kind) == ("Ada Finch", "direct")


def test_scare_quotes_without_a_speech_verb_are_not_quotes():
    text = 'The so-called "quiet period" ended when the harbour reopened on Monday.'
    assert quotes_of(text) == []


def test_nested_quote_is_spoken_by_whom_the_outer_speaker_quotes():
    text = (
        "\"My brother phoned at dawn and said, 'The ferry is running again,'\" Lena Voss told "
        "the Lowland Gazette."
    )
    quotes = quotes_of(text, entity("Lena Voss", "PERSON", text))
    outer, inner = only(quotes, "My brother"), only(quotes, "The ferry")
    assert outer.speaker == "Lena Voss"
    assert outer.via == ["Lowland Gazette"]  # told the outlet, even its own
    assert (inner.speaker, inner.speaker_text) == (None, "My brother")  # unnamed
    assert inner.via == ["Lena Voss", "Lowland Gazette"]


def test_nested_quote_heard_by_phone():
    text = (
        "\"My mother rang me at two and said, 'The soldiers are ours,'\" Olha Kis told the Daily "
        "Harp."
    )
    inner = only(quotes_of(text, entity("Olha Kis", "PERSON", text)), "The soldiers")
    assert inner.speaker is None
    assert inner.via == ["phone", "Olha Kis", "Daily Harp"]


def test_british_single_quotes_are_quotes_and_apostrophes_are_not():
    text = "'We cannot promise anything,' the spokeswoman, Ida Rask, said. 'We can only try.'"
    quotes = quotes_of(text, entity("Ida Rask", "PERSON", text))
    assert only(quotes, "We cannot promise").speaker == "Ida Rask"
    assert only(quotes, "We can only try").speaker == "Ida Rask"
    assert quotes_of("The drivers' union met on Monday and the ministers' talks ended.") == []


def test_quote_after_a_colon_belongs_to_the_one_person_of_its_sentence():
    text = 'Fire chief Tove Brandt put it simply: "Stay indoors until the all-clear."'
    q = only(quotes_of(text, entity("Tove Brandt", "PERSON", text)), "Stay indoors")
    assert (q.speaker, q.kind) == ("Tove Brandt", "direct")


def test_quote_alone_after_a_sentence_about_one_person_is_that_persons():
    lone = (
        "Coach Ilse Varga said little after the defeat.\n"
        'Coach Ilse Varga left the ground early. "We were second to every ball."'
    )
    people = entity("Ilse Varga", "PERSON", lone)
    q = only(quotes_of(lone, people), "We were second")
    assert (q.speaker, q.kind) == ("Ilse Varga", "direct")
    # Two people in the sentence before, or the quote opening a new paragraph: no speaker.
    two = 'Ilse Varga and Tor Lind left early. "We were second to every ball."'
    q = only(
        quotes_of(two, entity("Ilse Varga", "PERSON", two), entity("Tor Lind", "PERSON", two)),
        "We were",
    )
    assert q.speaker is None
    apart = 'Ilse Varga left the ground early.\n"We were second to every ball."'
    assert only(quotes_of(apart, entity("Ilse Varga", "PERSON", apart)), "We were").speaker is None


# --- partial and indirect quotes -------------------------------------------------------------


def test_partial_quote_inside_reported_speech():
    text = 'Mayor Ilse Darrow said crews had "cleared and reopened" the northern road.'
    quotes = quotes_of(text, entity("Ilse Darrow", "PERSON", text))
    assert len(quotes) == 1  # the partial quote stands for the reported clause
    q = quotes[0]
    assert (q.kind, q.text, q.speaker, q.verb) == (
        "partial",
        "cleared and reopened",
        "Ilse Darrow",
        "say",
    )


@pytest.mark.parametrize(
    ("sentence", "verb", "clause"),
    [
        ("Piet Hollander said that the vote would be delayed.", "say", "the vote would be"),
        ("Piet Hollander said on Tuesday the vote would be delayed.", "say", "the vote would be"),
        ("Piet Hollander warned that the vote would be delayed.", "warn", "the vote would be"),
        ("Piet Hollander insisted the vote had been fair.", "insist", "the vote had been"),
        ("Piet Hollander denied that the vote had been rigged.", "deny", "the vote had been"),
        ("Piet Hollander wrote that the vote was close.", "write", "the vote was close"),
        ("Piet Hollander told reporters that the vote was close.", "tell", "the vote was close"),
    ],
)
def test_indirect_speech(sentence, verb, clause):
    quotes = quotes_of(sentence, entity("Piet Hollander", "PERSON", sentence))
    q = only(quotes, clause)
    assert (q.kind, q.speaker, q.verb) == ("indirect", "Piet Hollander", verb)
    assert q.via == []  # "reporters" is not a relay


def test_verbs_that_are_not_speech_here():
    assert quotes_of("The launch was called off after a valve failed.") == []
    assert quotes_of("The council confirmed the budget on Monday.") == []


def test_according_to_a_source_is_reported_speech_and_a_trailing_attribution_too():
    text = (
        "According to the port authority, two cranes were damaged in the storm. "
        "The quay will reopen next week, local officials said."
    )
    authority = entity("port authority", "ORG", text)
    quotes = quotes_of(text, authority)
    cranes = only(quotes, "two cranes were damaged")
    assert (cranes.speaker, cranes.speaker_entity_id) == ("port authority", authority.id)
    quay = only(quotes, "The quay will reopen")
    assert (quay.speaker, quay.speaker_text, quay.kind) == (None, "local officials", "indirect")


def test_adding_that_after_a_quote_and_coordinated_that_clauses():
    text = (
        '"The recall is a precaution," Harlow Foods said in a statement, adding that no illnesses '
        "had been reported and that stores would be restocked."
    )
    quotes = quotes_of(text, entity("Harlow Foods", "ORG", text))
    for start in ("The recall", "no illnesses had been", "stores would be restocked"):
        q = only(quotes, start)
        assert (q.speaker, q.via) == ("Harlow Foods", ["statement"])
    assert only(quotes, "no illnesses").text == "no illnesses had been reported"


def test_trailing_attribution_citing_a_source_and_quoted_as_saying():
    text = (
        "Two bridges were damaged, RIA Novosti reported, citing the Velmari emergencies ministry."
    )
    q = only(quotes_of(text), "Two bridges")
    assert (q.speaker, q.via) == ("Velmari Ministry of Emergencies", ["RIA Novosti"])
    text = "Interfax quoted the port's director, Ivo Marek, as saying that all berths were clear."
    q = only(quotes_of(text, entity("Ivo Marek", "PERSON", text)), "all berths")
    assert (q.speaker, q.via) == ("Ivo Marek", ["Interfax"])


def test_according_to_an_outlet_that_spoke_to_the_speaker():
    text = (
        "According to Eastline News, which spoke to Governor Ivo Dankov by phone, the evacuation "
        "would take three days."
    )
    q = only(quotes_of(text, entity("Ivo Dankov", "PERSON", text)), "the evacuation")
    assert (q.speaker, q.via) == ("Ivo Dankov", ["phone", "Eastline News"])


def test_speech_verb_lexicon_has_inflections():
    assert SPEECH_VERBS["told"] == "tell"
    assert SPEECH_VERBS["denied"] == "deny"
    assert SPEECH_VERBS["admitted"] == "admit"
    assert SPEECH_VERBS["announces"] == "announce"


# --- speakers ------------------------------------------------------------------------------


def test_pronoun_resolves_to_the_last_speaker_and_it_to_an_organisation():
    text = (
        "Rosa Tillman, who chairs the panel, said the report was finished. "
        '"We will publish it on Friday," she said. '
        'The Harwell Trust said in a statement that it disagreed. "The figures are wrong," it said.'
    )
    trust = entity("Harwell Trust", "ORG", text, "Harwell Trust")
    quotes = quotes_of(text, entity("Rosa Tillman", "PERSON", text), trust)
    assert only(quotes, "We will publish").speaker == "Rosa Tillman"
    figures = only(quotes, "The figures are wrong")
    assert (figures.speaker, figures.speaker_entity_id) == ("Harwell Trust", trust.id)
    assert figures.via == ["statement"]  # the channel of the trust's previous statement


def test_role_noun_resolves_to_the_entity_introduced_with_that_role():
    text = (
        "Coastal district governor Bram Olsen toured the flooded villages on Sunday. "
        '"Nobody will be left behind," the governor said.'
    )
    quotes = quotes_of(text, entity("Bram Olsen", "PERSON", text))
    q = only(quotes, "Nobody will be left")
    assert (q.speaker, q.speaker_text) == ("Bram Olsen", "the governor")


def test_appositive_role_resolves_and_an_indefinite_role_stays_as_written():
    text = (
        "Elsa Marin, an analyst at the Fenwick Institute, expects more delays. "
        '"The timetable was never realistic," the analyst said. '
        '"We were told to wait," a senior official said.'
    )
    quotes = quotes_of(text, entity("Elsa Marin", "PERSON", text))
    assert only(quotes, "The timetable").speaker == "Elsa Marin"
    unnamed = only(quotes, "We were told")
    assert (unnamed.speaker, unnamed.speaker_text) == (None, "a senior official")
    assert unnamed.speaker_entity_id is None


def test_unnamed_groups_have_no_speaker():
    for subject in ("Residents", "Witnesses", "Ukrainian officials", "Military analysts"):
        q = only(quotes_of(f"{subject} said the siren had sounded twice."), "the siren")
        assert (q.speaker, q.speaker_text) == (None, subject)


def test_titles_beside_the_name_pick_the_person_a_role_means():
    text = (
        "Police Chief Anton Varga and Mayor Lise Hammer held a briefing. "
        '"We have made one arrest," the police chief said, while the mayor said the curfew '
        "would be lifted on Saturday."
    )
    quotes = quotes_of(
        text, entity("Anton Varga", "PERSON", text), entity("Lise Hammer", "PERSON", text)
    )
    assert only(quotes, "We have made").speaker == "Anton Varga"
    assert only(quotes, "the curfew").speaker == "Lise Hammer"


def test_role_of_a_body_and_it_after_a_body():
    text = (
        "Norvia's foreign ministry summoned the ambassador. "
        '"This will not go unanswered," the ministry said. '
        "The Eastmarch water board apologised on Friday. It said a valve had broken."
    )
    quotes = quotes_of(text)
    assert only(quotes, "This will not").speaker == "Norvian Ministry of Foreign Affairs"
    assert only(quotes, "a valve").speaker == "Eastmarch Water Board"


def test_a_capital_speaks_for_its_state_and_staff_for_their_body():
    text = "Moscow insists that nothing has gone wrong."
    q = only(quotes_of(text, entity("Moscow", "GPE", text)), "nothing has gone")
    assert q.speaker == "Russia"
    text = "NASA delayed the launch. Managers said they would try again on Friday."
    q = only(quotes_of(text, entity("NASA", "ORG", text)), "they would try")
    assert q.speaker == "NASA"


def test_a_spokesperson_of_a_named_body_speaks_for_it_but_a_named_one_for_herself():
    text = (
        "A spokesman for the Halden Regional Police said in a post on X that the road was shut. "
        '"Nobody was hurt," Clara Minh, a spokeswoman for the Ardent Line, said.'
    )
    police = entity("Halden Regional Police", "ORG", text)
    quotes = quotes_of(text, police, entity("Clara Minh", "PERSON", text))
    road = only(quotes, "the road was shut")
    assert (road.speaker, road.via) == ("Halden Regional Police", ["post on X"])
    assert only(quotes, "Nobody was hurt").speaker == "Clara Minh"


def test_an_outlet_speaking_of_itself_is_no_quote_but_another_outlet_is():
    text = "CPA said it could not independently verify the claims."
    assert quotes_of(text, outlet="Continental Press Agency") == []
    text = "Continental Press Agency staff filed the story. " + text
    q = only(quotes_of(text, outlet="Harbor Ledger"), "it could not")
    assert q.speaker == "Continental Press Agency"


def test_ambiguous_role_is_not_guessed():
    text = (
        "Governor Ann Beck met governor Karl Roth in the capital. "
        '"Talks went well," the governor said.'
    )
    quotes = quotes_of(
        text, entity("Ann Beck", "PERSON", text), entity("Karl Roth", "PERSON", text)
    )
    q = only(quotes, "Talks went well")
    assert (q.speaker, q.speaker_text, q.speaker_entity_id) == (None, "the governor", None)


def test_an_organisation_named_by_a_common_noun_gets_its_canonical_name():
    text = "Norway's fisheries ministry said the quota would be cut."
    ministry = entity("fisheries ministry", "ORG", text)
    q = only(quotes_of(text, ministry), "the quota")
    assert (q.speaker, q.speaker_entity_id) == ("Norwegian Ministry of Fisheries", ministry.id)
    text = "The Solvenna city council said in a statement on Telegram that water was restored."
    q = only(quotes_of(text), "water was restored")
    assert (q.speaker, q.via) == ("Solvenna City Council", ["statement on Telegram"])


# --- via -------------------------------------------------------------------------------------


def test_channel_then_relay_per_an_outlet():
    text = '"Prices will fall," the minister Jon Aas said in a radio interview, per the Daily Harp.'
    q = only(quotes_of(text, entity("Jon Aas", "PERSON", text)), "Prices will fall")
    assert q.speaker == "Jon Aas"
    assert q.via == ["radio interview", "Daily Harp"]


def test_party_told_and_according_to_an_agency():
    text = '"The border stays open," Vera Lund told the Kestle Times, according to Reuters.'
    q = only(quotes_of(text, entity("Vera Lund", "PERSON", text)), "The border")
    assert q.via == ["Kestle Times", "Reuters"]


def test_statement_on_telegram_and_credit_after_the_quote():
    text = (
        "Governor Pavel Drozd said in a statement on Telegram that shelling had stopped. "
        '"The night was calm," Drozd said, Continental Press Agency reported.'
    )
    drozd = entity("Pavel Drozd", "PERSON", text, "Pavel Drozd", "Drozd")
    quotes = quotes_of(text, drozd)
    indirect = only(quotes, "shelling had stopped")
    assert indirect.via == ["statement on Telegram"]
    direct = only(quotes, "The night was calm")
    assert direct.speaker == "Pavel Drozd"
    assert direct.via == ["statement on Telegram", "Continental Press Agency"]


def test_citing_a_source_makes_it_the_speaker_and_the_relay_goes_in_via():
    text = "Citing the coast guard, state television reported that four sailors were rescued."
    guard = entity("coast guard", "ORG", text)
    q = only(quotes_of(text, guard), "four sailors")
    assert q.speaker_entity_id == guard.id
    assert q.via == ["state television"]


def test_as_quoted_by_an_agency_and_a_post_on_x():
    text = 'Ilya Moor wrote in a post on X that "the deal is dead", as quoted by Interfax.'
    q = only(quotes_of(text, entity("Ilya Moor", "PERSON", text)), "the deal is dead")
    assert q.kind == "partial"
    assert q.via == ["post on X", "Interfax"]


def test_telling_an_outlet_names_it_even_when_it_is_the_articles_own():
    text = '"We lost everything," Nora Platt told the Lowland Gazette. "Even the boat."'
    quotes = quotes_of(text, entity("Nora Platt", "PERSON", text))
    assert only(quotes, "We lost everything").via == ["Lowland Gazette"]
    assert only(quotes, "Even the boat").via == ["Lowland Gazette"]  # the chain carries over
    text = "Nora Platt told officers that she had smelled smoke."
    assert only(quotes_of(text, entity("Nora Platt", "PERSON", text)), "she had").via == []


def test_channels_without_a_channel_noun():
    text = '"It was far away," Serhii Bondar told the Silverline Herald through a messaging app.'
    q = only(quotes_of(text, entity("Serhii Bondar", "PERSON", text)), "It was far")
    assert q.via == ["messaging app", "Silverline Herald"]
    text = '"The evacuation is complete," tweeted the Halden fire service.'
    q = only(quotes_of(text), "The evacuation")
    assert (q.speaker, q.via) == ("Halden Fire Service", ["Twitter"])
    text = "Speaking to the BBC, Ilona Farkas said the crossing had reopened."
    q = only(quotes_of(text, entity("Ilona Farkas", "PERSON", text)), "the crossing")
    assert q.via == ["BBC"]


def test_interview_with_an_outlet_quoted_by_another():
    text = (
        "Striker Finn Albrecht said in an interview with Sport Heute, quoted by the Daily "
        "Examiner, that he intended to stay."
    )
    q = only(quotes_of(text, entity("Finn Albrecht", "PERSON", text)), "he intended")
    assert (q.speaker, q.via) == ("Finn Albrecht", ["interview", "Sport Heute", "Daily Examiner"])


# --- pronouns by gender, "they" for bodies, people named later --------------------------------


def test_he_and_she_pick_the_person_whose_gender_the_text_gives():
    text = (
        "Irja Solberg, the harbour master, and her assistant, Kalle Vik, counted the boats on "
        "Sunday. He said two were missing, while she warned that the pier was unsafe."
    )
    quotes = quotes_of(
        text, entity("Irja Solberg", "PERSON", text), entity("Kalle Vik", "PERSON", text)
    )
    assert only(quotes, "two were missing").speaker == "Kalle Vik"
    assert only(quotes, "the pier was unsafe").speaker == "Irja Solberg"


def test_a_kinship_word_genders_a_name_and_a_pronoun_does_not_jump_genders():
    text = (
        "Aaro Lehto and his daughter, Mira Lehto, keep bees near Sorvik. "
        '"The spring came late again," she said. He added that the honey would be dear.'
    )
    quotes = quotes_of(
        text, entity("Aaro Lehto", "PERSON", text), entity("Mira Lehto", "PERSON", text)
    )
    assert only(quotes, "The spring came late").speaker == "Mira Lehto"
    assert only(quotes, "the honey would be dear").speaker == "Aaro Lehto"


def test_with_no_gender_cue_two_people_stay_unresolved():
    text = "Tove Rask met Elin Dahl on Friday. She said the deal was close."
    quotes = quotes_of(
        text, entity("Tove Rask", "PERSON", text), entity("Elin Dahl", "PERSON", text)
    )
    assert only(quotes, "the deal was close").speaker is None


def test_an_elided_year_is_an_apostrophe_not_a_quote_mark():
    text = 'Bo Lind runs the ferry. "We sailed through the storm of \'87 too," he said.'
    q = only(quotes_of(text, entity("Bo Lind", "PERSON", text)), "We sailed through")
    assert q.speaker == "Bo Lind"


def test_they_after_a_sentence_naming_one_body():
    text = (
        "Divers from the Norrby Coast Guard searched the bay overnight. They said the wreck lay "
        "at 40 metres and that nobody had been aboard."
    )
    quotes = quotes_of(text)
    assert only(quotes, "the wreck lay").speaker == "Norrby Coast Guard"
    assert only(quotes, "nobody had been aboard").speaker == "Norrby Coast Guard"


def test_it_is_the_body_that_opens_the_sentence_before_with_the_articles_adjective():
    text = (
        "Velland's interior ministry closed the Dorsk crossing near the Vellandi village of "
        "Pask. It said the closure was temporary."
    )
    quotes = quotes_of(text, entity("Pask", "ORG", text))
    assert only(quotes, "the closure").speaker == "Vellandi Ministry of Internal Affairs"


def test_a_capital_the_article_names_as_such_speaks_for_its_state():
    text = "Orvik, Tarnland's capital, denied the claims. Orvik insisted that no troops had moved."
    quotes = quotes_of(text, entity("Orvik", "GPE", text))
    assert only(quotes, "no troops").speaker == "Tarnland"
    assert not [q for q in quotes if q.text.startswith("Orvik")]  # "the claims" is a noun


def test_a_role_named_in_the_next_sentence():
    text = (
        "A senior officer in the Halden police said the road would reopen on Monday. The "
        "officer, Inspector Rune Saga, told reporters that the lorry had been removed."
    )
    q = only(quotes_of(text, entity("Rune Saga", "PERSON", text)), "the road would reopen")
    assert q.speaker == "Rune Saga"
    text = "A senior diplomat said the talks had stalled."
    assert only(quotes_of(text), "the talks").speaker is None


def test_the_sentence_after_a_quote_says_whose_words_they_were():
    text = (
        '"Nobody came for three days." That was how Oda Brekke, 64, described the flood, '
        "speaking to the Fjord Courier."
    )
    q = only(quotes_of(text, entity("Oda Brekke", "PERSON", text)), "Nobody came")
    assert (q.speaker, q.via) == ("Oda Brekke", ["Fjord Courier"])
    text = '"Leave the valley now." The words came from Sten Aune, in a video posted on Facebook.'
    q = only(quotes_of(text, entity("Sten Aune", "PERSON", text)), "Leave the valley")
    assert (q.speaker, q.via) == ("Sten Aune", ["video posted on Facebook"])


def test_the_company_is_the_one_organisation_named_before():
    text = (
        "Pia Holt, the chief executive of Tindra Ferries, said she would stay. The company said "
        "on its website that it backed her, and it added that fares would not rise."
    )
    quotes = quotes_of(text, entity("Pia Holt", "PERSON", text))
    assert only(quotes, "it backed her").speaker == "Tindra Ferries"
    assert only(quotes, "it backed her").via == ["website"]
    assert only(quotes, "fares would not rise").speaker == "Tindra Ferries"


def test_others_is_no_name():
    text = "Some neighbours left on Sunday. Others said the water was still rising."
    q = only(quotes_of(text), "the water")
    assert q.speaker is None


# --- more chains and clauses -------------------------------------------------------------------


def test_a_platform_is_a_channel_never_the_speaker():
    text = "The Tarnish army said on Telegram that two drones had been shot down."
    quotes = quotes_of(text, entity("Telegram", "ORG", text))
    q = only(quotes, "two drones")
    assert (q.speaker, q.via) == ("Tarnish Army", ["Telegram"])


def test_conferences_judgments_and_television_told():
    text = "Speaking at a news conference in Lund, the mayor, Ada Berg, said that taxes would fall."
    q = only(quotes_of(text, entity("Ada Berg", "PERSON", text)), "taxes would fall")
    assert q.via == ["news conference"]
    text = '"The pumps failed," Ivo Sand told a press conference. He said repairs had begun.'
    quotes = quotes_of(text, entity("Ivo Sand", "PERSON", text))
    assert only(quotes, "The pumps failed").via == ["press conference"]
    assert only(quotes, "repairs had begun").via == ["press conference"]
    text = (
        "The Kessel Appeals Court ruled on Monday. In its written judgment, it said the fine "
        'was "disproportionate".'
    )
    q = only(quotes_of(text), "disproportionate")
    assert (q.speaker, q.via) == ("Kessel Appeals Court", ["written judgment"])
    text = '"Fuel is safe," Lars Dun told state television, according to the Norvik Wire.'
    q = only(quotes_of(text, entity("Lars Dun", "PERSON", text)), "Fuel is safe")
    assert q.via == ["state television", "Norvik Wire"]


def test_remarks_carried_by_an_outlet():
    text = (
        '"The catch is down," fisher Ole Brun told Radio Vest, in remarks carried by the Sea Wire.'
    )
    q = only(quotes_of(text, entity("Ole Brun", "PERSON", text)), "The catch is down")
    assert q.via == ["Radio Vest", "Sea Wire"]


def test_a_statement_from_a_body_and_a_named_source_after_according_to():
    text = "According to a statement from Orsa County Hospital, two patients were discharged."
    q = only(quotes_of(text, entity("Orsa County Hospital", "ORG", text)), "two patients")
    assert (q.speaker, q.via) == ("Orsa County Hospital", ["statement"])
    text = "According to the Lund fire chief, Maj Ekberg, the blaze started in a kitchen."
    q = only(quotes_of(text, entity("Maj Ekberg", "PERSON", text)), "the blaze started")
    assert q.speaker == "Maj Ekberg"


def test_a_series_of_that_clauses_and_a_trailing_channel():
    text = (
        "Councillor Tor Moe said that the pool would close, that staff would be moved and that "
        "the site would be sold."
    )
    quotes = quotes_of(text, entity("Tor Moe", "PERSON", text))
    for start in ("the pool would close", "staff would be moved", "the site would be sold"):
        assert only(quotes, start).speaker == "Tor Moe"
    text = (
        "Buses will replace the trams until May, the Orsan transport ministry said in a statement."
    )
    q = only(quotes_of(text), "Buses will replace")
    assert (q.speaker, q.via) == ("Orsan Ministry of Transport", ["statement"])


def test_a_second_speaker_after_and_starts_a_new_statement():
    text = (
        "Ulla Ström insisted that the school was safe, and a council spokesman said it would "
        "reopen on Monday."
    )
    quotes = quotes_of(text, entity("Ulla Ström", "PERSON", text))
    assert only(quotes, "the school was safe").speaker == "Ulla Ström"
    assert only(quotes, "it would reopen").speaker is None


# --- the demo corpus ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_quotes():
    from newsfuse.clean import clean_documents
    from newsfuse.config import Config
    from newsfuse.ingest import read_inputs
    from newsfuse.nlp.aliases import merge_entities
    from newsfuse.nlp.entities import find_mentions
    from tests.conftest import DEMO

    if not DEMO.exists():
        pytest.skip(f"demo corpus {DEMO} is missing")
    config = Config()
    articles = clean_documents(read_inputs([DEMO], config.ingest).documents, config.clean)
    mentions = find_mentions(articles, config.nlp)
    entities, _ = merge_entities(mentions, None, {a.id: a.text for a in articles})
    expected = json.loads((DEMO.parent / "kharkiv-2022.expected.json").read_text())
    return articles, entities, find_quotes(articles, entities), expected


def _short(key: str) -> str:
    path, _, index = key.partition("#")
    return path.rsplit("/", 1)[-1] + (f"#{index}" if index else "")


def _planted(demo_quotes, key: str, text_start: str) -> Quote:
    articles, _, quotes, _ = demo_quotes
    ids = {a.id for a in articles if _short(a.key) == key}
    found = [q for q in quotes if q.article_id in ids and q.text.startswith(text_start)]
    assert found, (key, text_start)
    return found[0]


@pytest.mark.demo
@pytest.mark.parametrize(
    ("key", "text_start", "speaker", "via"),
    [
        ("cpa-wire-2022-09-10.txt", "To achieve the declared aims", "Russian Ministry of Defence",
         ["statement on Telegram"]),
        ("harborledger-2022-09-10.txt", "To achieve the declared aims",
         "Russian Ministry of Defence", ["statement on Telegram", "CPA"]),
        ("cpa-wire-2022-09-10.txt", "liberated and taken control", "Zelensk",
         ["nightly video address"]),
        ("meridiandaily-2022-09-10.html", "Once Kupiansk goes", "Elin Hartvig", ["CPA"]),
        ("meridiandaily-2022-09-10.html", "What we are watching", "Elin Hartvig",
         ["Meridian Daily"]),
        ("cpa-wire-2022-09-10.txt", "For the first time since February", "Iryna Tkachuk",
         ["phone", "CPA"]),
        ("roundup.jsonl#2", "Whatever Moscow chooses", "Elin Hartvig", ["Meridian Daily"]),
        ("eastline-2022-09-11.txt", "Our units have entered Kupiansk", "Oleh Syniehubov",
         ["Telegram"]),
        ("eastline-2022-09-11.txt", "These days the Russian army", "Zelensk",
         ["nightly address"]),
        ("crawl.warc.gz#1", "our units have entered Kupiansk", "Oleh Syniehubov",
         ["Telegram", "Eastline News"]),
        ("balticbulletin-2022-09-12.html", "Nobody in Tallinn", "Rasmus Kuusk", []),
        ("pacificsentinel-export.csv#1", "We counted the days", "Liudmyla Horbenko", []),
    ],
)  # fmt: skip
def test_planted_demo_quotes(demo_quotes, key, text_start, speaker, via):
    quote = _planted(demo_quotes, key, text_start)
    assert quote.speaker is not None and speaker in quote.speaker
    assert quote.via == via


@pytest.mark.demo
def test_demo_reported_speech_speakers(demo_quotes):
    _, _, quotes, expected = demo_quotes
    speakers = {q.speaker for q in quotes if q.kind == "indirect"}
    for planted in ("Ramzan Kadyrov", "Dmitry Peskov", "Jim Free", "John Honeycutt",
                    "Bill Nelson", "Vitaly Ganchev", "Oleh Syniehubov"):  # fmt: skip
        assert planted in speakers
        assert any(r["speaker"] == planted for r in expected["reported_speech"])
    ganchev = [q for q in quotes if q.speaker == "Vitaly Ganchev" and q.verb == "acknowledge"]
    assert ganchev and ganchev[0].via == ["online broadcast"]


# --- written for the second round of general rules (2026-12-02) --------------------------------


def test_tweeted_that_is_reported_speech_through_twitter_but_a_posted_video_is_not():
    text = (
        "The Marlow Water Board tweeted that the reservoir had reached its highest level in a "
        "decade. The board also posted a video of the spillway."
    )
    board = entity("Marlow Water Board", "ORG", text)
    quotes = quotes_of(text, board)
    q = only(quotes, "the reservoir had reached")
    assert (q.kind, q.speaker, q.via) == ("indirect", "Marlow Water Board", ["Twitter"])
    assert not [q for q in quotes if q.text.startswith("a video")]


def test_an_indefinite_pronoun_inside_a_quote_is_no_name():
    text = (
        "\"Somebody shouted 'Run for the stairs!' and we all ran,\" said Ilse Varga, who was "
        "on the third floor."
    )
    quotes = quotes_of(text, entity("Ilse Varga", "PERSON", text))
    inner = only(quotes, "Run for the stairs")
    assert (inner.speaker, inner.speaker_text, inner.speaker_entity_id) == (None, "Somebody", None)
    assert inner.via == ["Ilse Varga"]


def test_according_to_a_name_and_its_description_the_clause_follows_the_description():
    text = (
        "According to Oren Maalouf, chair of the Dunmore Allotment Society, the plots have "
        "never been so full."
    )
    quotes = quotes_of(text, entity("Oren Maalouf", "PERSON", text))
    q = only(quotes, "the plots have never been so full")
    assert (q.kind, q.speaker) == ("indirect", "Oren Maalouf")


def test_honorific_check_reads_a_few_characters_and_agrees_with_a_scan_of_the_whole_prefix():
    import random

    from newsfuse.nlp.quotes._speakers import _after_honorific

    def whole_prefix(text: str, start: int) -> bool:
        return re.search(r"\b(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+$", text[:start]) is not None

    pieces = ["Dr", "Mr", "Mrs", "Ms", "Prof", ".", " ", "\n", "x", "A", "r", "s", "of", "-"]
    rng = random.Random(7)
    cases = []
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) + "Alvarez"
        cases += [(text, len(text) - 7), (text, rng.randint(0, len(text)))]
    cases += [("Dr. Alvarez", 4), ("Dr Alvarez", 3), ("DrAlvarez", 2), ("xMr. Alvarez", 5)]
    assert [_after_honorific(t, s) for t, s in cases] == [whole_prefix(t, s) for t, s in cases]
    assert _after_honorific("Said Prof.\n  Alvarez", 13)
    assert not _after_honorific("Professor Alvarez", 10)


# --- rules read off the fourth held-out set's misses (sentences written for these tests) ------


def test_a_ruling_is_reported_speech_and_ruled_out_is_not():
    text = (
        "Judge Mara Lind ruled that the eviction had been unlawful. In her written judgment, "
        'she said the landlord had been "careless at best." The court ruled out a retrial.'
    )
    quotes = quotes_of(text, entity("Mara Lind", "PERSON", text))
    ruling = only(quotes, "the eviction had been unlawful")
    assert (ruling.kind, ruling.speaker, ruling.verb) == ("indirect", "Mara Lind", "rule")
    partial = only(quotes, "careless at best")
    assert (partial.kind, partial.speaker, partial.via) == (
        "partial",
        "Mara Lind",
        ["written judgment"],
    )
    assert not [q for q in quotes if "retrial" in q.text]


def test_the_clause_before_but_that_is_reported_speech_beside_a_partial_quote():
    text = (
        'Coach Ivo Berg said he understood the anger but that the squad had "done everything '
        'asked of it."'
    )
    quotes = quotes_of(text, entity("Ivo Berg", "PERSON", text))
    assert only(quotes, "he understood the anger").speaker == "Ivo Berg"
    assert only(quotes, "done everything").kind == "partial"


def test_a_partial_quote_with_its_attribution_after_it():
    text = (
        'Demand "has simply collapsed," economist Lena Dahl said, adding that prices would fall '
        "before the summer."
    )
    quotes = quotes_of(text, entity("Lena Dahl", "PERSON", text))
    partial = only(quotes, "has simply collapsed")
    assert (partial.kind, partial.speaker) == ("partial", "Lena Dahl")
    assert only(quotes, "prices would fall").speaker == "Lena Dahl"


def test_reported_citing_a_source_between_the_verb_and_its_clause():
    text = (
        "The news agency NRA reported on Monday, citing the Velmari Ministry of Health, that "
        "twelve clinics had closed."
    )
    ministry = entity("the Velmari Ministry of Health", "ORG", text)
    q = only(quotes_of(text, ministry), "twelve clinics had closed")
    assert (q.speaker, q.via) == ("Velmari Ministry of Health", ["NRA"])
    text = (
        "The Harbour Times reported, citing two people briefed on the talks, that Norsk Rail "
        "would buy the line."
    )
    times = entity("The Harbour Times", "ORG", text)
    q = only(quotes_of(text, times), "Norsk Rail would buy")
    assert (q.speaker, q.speaker_text, q.via) == (
        None,
        "two people briefed on the talks",
        ["Harbour Times"],
    )


def test_a_company_named_short_after_its_full_name():
    text = (
        "Kestrel Airways cut four routes on Friday. Kestrel said in a statement that it was "
        '"reviewing every option" but that no jobs would go.'
    )
    airline = entity("Kestrel Airways", "ORG", text)
    short = entity("Kestrel", "ORG", text.replace("Kestrel Airways", "#" * 15))
    quotes = quotes_of(text, airline, short)
    assert only(quotes, "reviewing every option").speaker == "Kestrel Airways"
    q = only(quotes, "no jobs would go")
    assert (q.speaker, q.via) == ("Kestrel Airways", ["statement"])


def test_according_to_unnamed_people_or_a_body_the_tagger_missed():
    text = (
        "The Orsan cabinet will cut fuel duty in May, according to three officials familiar "
        "with the plan who spoke on condition of anonymity."
    )
    q = only(quotes_of(text), "The Orsan cabinet will cut")
    assert (q.kind, q.speaker) == ("indirect", None)
    text = "The meteor shower will peak on Sunday night, according to the Brenna Observatory."
    q = only(quotes_of(text), "The meteor shower will peak")
    assert q.speaker == "Brenna Observatory"


def test_a_relative_clause_after_the_subject_names_no_speaker():
    text = (
        '"The bill is a mistake," Senator Ada Voss said. The senator, who leads the farm '
        "committee, said she would vote against it."
    )
    quotes = quotes_of(text, entity("Ada Voss", "PERSON", text))
    assert only(quotes, "she would vote against it").speaker == "Ada Voss"


def test_staff_of_a_body_named_before_or_after():
    text = (
        "The Dallin Ministry of Water reported two new leaks. Ministry officials said repairs "
        "would take a week."
    )
    ministry = entity("The Dallin Ministry of Water", "ORG", text)
    assert (
        only(quotes_of(text, ministry), "repairs would take").speaker == "Dallin Ministry of Water"
    )
    text = "Project managers at the Ostmark Rail Authority said the tunnel would open in June."
    authority = entity("the Ostmark Rail Authority", "ORG", text)
    q = only(quotes_of(text, authority), "the tunnel would open")
    assert q.speaker == "Ostmark Rail Authority"


def test_an_indirect_question_and_a_coordinated_statement():
    text = (
        "Councillor Nils Brek asked why the tender had been skipped, and said he would write "
        "to the auditor."
    )
    quotes = quotes_of(text, entity("Nils Brek", "PERSON", text))
    question = only(quotes, "why the tender had been skipped")
    assert (question.kind, question.speaker, question.verb) == ("indirect", "Nils Brek", "ask")
    assert only(quotes, "he would write to the auditor").speaker == "Nils Brek"
    assert not [q for q in quotes_of("Police asked residents to stay indoors.") if q.verb == "ask"]


def test_a_union_named_with_a_plural_possessive():
    text = '"We have no choice," the Velmari Dockers\' Union said in a statement.'
    q = only(quotes_of(text), "We have no choice")
    assert (q.speaker, q.via) == ("Velmari Dockers' Union", ["statement"])


def test_a_name_after_a_persons_role_is_the_speaker_whatever_the_tagger_said():
    text = (
        "In an interview with the weekly magazine Fokus, Lumen Bank chief executive Tove Aas "
        'said rates had "probably peaked."'
    )
    bank = entity("Lumen Bank", "ORG", text)
    wrong = entity("Aas", "ORG", text.replace("Lumen Bank", "#" * 10))
    q = only(quotes_of(text, bank, wrong), "probably peaked")
    assert (q.speaker, q.via) == ("Tove Aas", ["interview", "Fokus"])


def test_a_verb_coordinated_with_the_first_takes_the_sentences_opening_subject():
    text = 'The Norvian Central Bank held its rate at 3% and said growth was "slower than hoped."'
    bank = entity("The Norvian Central Bank", "ORG", text)
    q = only(quotes_of(text, bank), "slower than hoped")
    assert (q.kind, q.speaker) == ("partial", "Norvian Central Bank")


# --- rules read off the fifth and sixth held-out sets' misses (sentences written for these tests)


def test_quoted_as_saying_before_a_direct_or_a_partial_quote():
    text = (
        'The Fenmoor Echo quoted ferry captain Joss Arlen as saying: "The swell was worse than '
        'forecast." "We turned back twice," he said.'
    )
    quotes = quotes_of(
        text, entity("Fenmoor Echo", "ORG", text), entity("Joss Arlen", "PERSON", text)
    )
    for start in ("The swell was worse", "We turned back twice"):
        q = only(quotes, start)
        assert (q.kind, q.speaker, q.via) == ("direct", "Joss Arlen", ["Fenmoor Echo"])
    text = 'Radio Kestel quoted trade envoy Ilse Marov as saying the talks were "nearly done."'
    q = only(quotes_of(text, entity("Ilse Marov", "PERSON", text)), "nearly done")
    assert (q.kind, q.speaker, q.via) == ("partial", "Ilse Marov", ["Radio Kestel"])


def test_a_role_opening_a_sentence_or_tagged_with_the_name_is_left_out():
    text = 'Sculptor Mira Olund tweeted that she was "over the moon" about the commission.'
    q = only(quotes_of(text, entity("Sculptor", "NORP", text)), "over the moon")
    assert (q.speaker, q.via) == ("Mira Olund", ["Twitter"])
    text = (
        "Glaciologist Per Vahl has surveyed the Tarn Glacier since 2004. "
        '"It shrank faster this year than in any year I have measured."'
    )
    tagged = (entity("Glaciologist Per Vahl", "ORG", text), entity("Tarn Glacier", "PERSON", text))
    assert only(quotes_of(text, *tagged), "It shrank faster").speaker == "Per Vahl"


def test_told_an_outlet_by_phone_and_a_doctor_after_the_quote():
    text = (
        '"The ward is full," Dr. Lene Skov, head of surgery at Marsh Hospital, told the Fenmoor '
        "Echo by phone. Skov told the Echo by phone that two theatres were closed."
    )
    quotes = quotes_of(text, entity("Lene Skov", "PERSON", text, "Lene Skov", "Skov"))
    assert only(quotes, "The ward is full").via == ["phone", "Fenmoor Echo"]
    q = only(quotes, "two theatres were closed")
    assert (q.speaker, q.via) == ("Lene Skov", ["phone", "Echo"])


def test_a_channel_named_with_a_nationality_and_a_letter_to_an_outlet():
    text = (
        "Speaking on Norvian state television, quoted by Interfax, Finance Minister Aleks Roon "
        "said the budget would balance next year."
    )
    q = only(quotes_of(text, entity("Aleks Roon", "PERSON", text)), "the budget would balance")
    assert q.via == ["state television", "Interfax"]
    text = (
        "In a letter to the Marsh Courier, painter Oda Lind wrote that the gallery "
        '"deserves better." In a letter to the mayor, she asked for a meeting.'
    )
    q = only(quotes_of(text, entity("Oda Lind", "PERSON", text)), "deserves better")
    assert (q.speaker, q.via) == ("Oda Lind", ["letter", "Marsh Courier"])


def test_a_bodys_spokeswoman_and_its_forecasters_speak_for_it():
    text = (
        "A spokeswoman for the Halmstad Coast Guard said a trawler had run aground. "
        '"No one was hurt," she said.'
    )
    guard = entity("the Halmstad Coast Guard", "ORG", text)
    assert only(quotes_of(text, guard), "No one was hurt").speaker == "Halmstad Coast Guard"
    text = (
        "Forecasters at the Norvian Weather Office warned that rivers could burst their banks. "
        '"Move cars to high ground," a spokesman for the office said.'
    )
    office = entity("the Norvian Weather Office", "ORG", text)
    quotes = quotes_of(text, office)
    assert only(quotes, "rivers could burst").speaker == "Norvian Weather Office"
    assert only(quotes, "Move cars to high ground").speaker == "Norvian Weather Office"


def test_posted_on_a_platform_and_the_club_is_an_organisation():
    text = (
        'Harrow Vale FC posted on X that striker Ben Oyo had left the club. "We wish Ben well," '
        "the club said."
    )
    quotes = quotes_of(
        text, entity("Harrow Vale FC", "ORG", text), entity("Ben Oyo", "PERSON", text)
    )
    q = only(quotes, "striker Ben Oyo had left")
    assert (q.speaker, q.via) == ("Harrow Vale FC", ["post on X"])
    assert only(quotes, "We wish Ben well").speaker == "Harrow Vale FC"


def test_a_source_after_per_and_a_public_agency_is_no_outlet():
    text = "Unemployment rose to 6 percent in May, per the Norvian labour ministry."
    q = only(quotes_of(text), "Unemployment rose to 6 percent")
    assert (q.kind, q.speaker) == ("indirect", "Norvian Ministry of Labour")
    text = "According to the Norvian Space Agency, the satellite reached orbit at noon."
    agency = entity("the Norvian Space Agency", "ORG", text)
    q = only(quotes_of(text, agency), "the satellite reached orbit")
    assert q.speaker == "Norvian Space Agency"


def test_a_quote_split_by_according_to():
    text = (
        '"The lift was broken for a month," according to Jorun Pell, a tenant, "and nobody came."'
    )
    quotes = quotes_of(text, entity("Jorun Pell", "PERSON", text))
    assert only(quotes, "The lift was broken").speaker == "Jorun Pell"
    assert only(quotes, "and nobody came").speaker == "Jorun Pell"


def test_a_court_or_a_committee_told_is_no_part_of_the_chain():
    text = (
        "Prosecutors told the Halden Crown Court that the accused had forged 40 invoices. "
        'Councillor Rut Ekman told the Halden housing committee: "This plan is dead."'
    )
    quotes = quotes_of(text, entity("Rut Ekman", "PERSON", text))
    assert only(quotes, "the accused had forged").via == []
    q = only(quotes, "This plan is dead")
    assert (q.speaker, q.via) == ("Rut Ekman", [])


def test_its_organisers_and_an_attribution_with_an_aside_after_it():
    text = (
        "The Brindle Jazz Week will move to May, its organisers wrote on Facebook, citing "
        '"a clash with the regatta."'
    )
    week = entity("The Brindle Jazz Week", "ORG", text)
    quotes = quotes_of(text, week)
    q = only(quotes, "The Brindle Jazz Week will move")
    assert (q.kind, q.speaker, q.via) == ("indirect", "Brindle Jazz Week", ["Facebook"])


def test_long_unnamed_groups_and_a_report_citing_unnamed_people():
    text = (
        "Officials in the northern district of Velm told Reuters that 300 homes had lost power. "
        "The two unions have agreed on a new wage deal, the Marsh Courier reported, citing "
        "three people close to the talks."
    )
    quotes = quotes_of(text, entity("Velm", "PERSON", text))
    q = only(quotes, "300 homes had lost power")
    assert (q.speaker, q.via) == (None, ["Reuters"])
    q = only(quotes, "The two unions have agreed")
    assert (q.speaker, q.via) == (None, ["Marsh Courier"])


def test_a_channel_opening_the_sentence_and_and_inside_a_bodys_name():
    text = (
        "The Velm Fire and Rescue Service said two crews were at the scene. The service has "
        'denied closing the station. In a statement it said the move was "temporary."'
    )
    quotes = quotes_of(text)
    assert only(quotes, "two crews were at").speaker == "Velm Fire and Rescue Service"
    q = only(quotes, "temporary")
    assert (q.speaker, q.via) == ("Velm Fire and Rescue Service", ["statement"])


# --- rules read off the seventh held-out set's misses (sentences written for these tests) -----


def test_honorifics_and_saints_do_not_end_the_sentence_before_a_quote():
    text = (
        "Dr. Maren Ulf, who runs the clinic at St. Ives Hospital and has treated the disease for "
        'years, said the new drug could "change everything" for patients.'
    )
    q = only(quotes_of(text, entity("Maren Ulf", "PERSON", text)), "change everything")
    assert (q.kind, q.speaker) == ("partial", "Maren Ulf")
    text = "According to chief engineer Dr. Tor Lind, the dam will hold."
    q = only(quotes_of(text, entity("Tor Lind", "PERSON", text)), "the dam will hold")
    assert q.speaker == "Tor Lind"


def test_per_opening_a_sentence_and_speaking_by_phone_to_an_outlet():
    text = "Per the Norvian Rail Agency, trains will run again on Monday."
    agency = entity("the Norvian Rail Agency", "ORG", text)
    assert only(quotes_of(text, agency), "trains will run").speaker == "Norvian Rail Agency"
    text = "Speaking by phone to the Fenmoor Echo, Ivo Brandt said the mill would close."
    q = only(quotes_of(text, entity("Ivo Brandt", "PERSON", text)), "the mill would close")
    assert q.via == ["phone", "Fenmoor Echo"]


def test_a_source_or_a_scientist_at_a_named_body_is_that_body():
    text = (
        "Radio Kestel reported, citing a source in the Norvian transport ministry, that fares "
        "would rise. A senior engineer at the Velm Dam Authority, who asked not to be named, "
        'said the spillway was cracked. "We are worried," the engineer told Radio Kestel.'
    )
    authority = entity("the Velm Dam Authority", "ORG", text)
    quotes = quotes_of(text, authority, entity("Radio Kestel", "ORG", text))
    q = only(quotes, "fares would rise")
    assert (q.speaker, q.via) == ("Norvian Ministry of Transport", ["Radio Kestel"])
    assert only(quotes, "the spillway was cracked").speaker == "Velm Dam Authority"
    q = only(quotes, "We are worried")
    assert (q.speaker, q.via) == ("Velm Dam Authority", ["Radio Kestel"])


def test_an_unnamed_speakers_he_keeps_the_outlet_told():
    text = (
        "A local official told AFP that the road had been cut. "
        '"Nobody can get through to Hollin," he said.'
    )
    quotes = quotes_of(text, entity("Hollin", "PERSON", text))
    q = only(quotes, "Nobody can get through")
    assert (q.speaker, q.via) == (None, ["AFP"])


def test_quoted_in_an_outlet_as_saying():
    text = 'Its owner, Ebba Sund, is quoted in the Marsh Courier as saying she was "stunned."'
    q = only(quotes_of(text, entity("Ebba Sund", "PERSON", text)), "stunned")
    assert (q.kind, q.speaker, q.via) == ("partial", "Ebba Sund", ["Marsh Courier"])


def test_a_participle_after_its_own_subject_and_a_lower_case_council_spokesman():
    text = (
        'Striker Ana Velt said: "I feel great." Her manager, Jonas Riis, was less sure, saying '
        'she was "not ready yet."'
    )
    people = (entity("Ana Velt", "PERSON", text), entity("Jonas Riis", "PERSON", text))
    assert only(quotes_of(text, *people), "not ready yet").speaker == "Jonas Riis"
    text = (
        "The Velm Borough Council closed the pool on Monday. A council spokesman said repairs "
        "would take a month."
    )
    council = entity("The Velm Borough Council", "ORG", text)
    assert only(quotes_of(text, council), "repairs would take").speaker == "Velm Borough Council"


def test_company_names_the_tagger_cut_short():
    text = (
        "Shares in Harlow Freight fell 5% on Monday after the company warned that orders had "
        'slowed. In a statement, Harlow said it would "cut costs."'
    )
    freight = entity("Harlow Freight", "ORG", text)
    short = entity("Harlow", "PERSON", text.replace("Harlow Freight", "#" * 14))
    quotes = quotes_of(text, freight, short)
    assert only(quotes, "orders had slowed").speaker == "Harlow Freight"
    assert only(quotes, "cut costs").speaker == "Harlow Freight"
    text = (
        'Velm Dairies denied that it had raised prices. "Our milk costs what it did," the company '
        "said."
    )
    quotes = quotes_of(text, entity("Velm", "PERSON", text))
    assert only(quotes, "it had raised prices").speaker == "Velm Dairies"
    assert only(quotes, "Our milk costs what").speaker == "Velm Dairies"


def test_names_with_apostrophes_titles_and_names_inside_quotes():
    text = (
        "Coach Ciaran O'Neill confirmed the squad. \"Results matter,\" O'Neill said. "
        "Sister Ilse Marr, a nurse at the clinic, said the ward was full. "
        '"Staff are exhausted," she told the Marsh Courier.'
    )
    quotes = quotes_of(text, entity("Ciaran O'Neill", "PERSON", text))
    assert only(quotes, "Results matter").speaker == "Ciaran O'Neill"
    assert only(quotes, "Staff are exhausted").speaker == "Ilse Marr"
    text = (
        'Professor Ruth Ekdal explained that the exam would go. "Grades tell us enough," she said.'
    )
    people = (entity("Ruth Ekdal", "PERSON", text), entity("Grades", "PERSON", text))
    assert only(quotes_of(text, *people), "Grades tell us enough").speaker == "Ruth Ekdal"


def test_a_works_authors_and_a_name_cut_after_of():
    text = "The study's authors wrote that the lake had warmed by two degrees."
    quotes = quotes_of(text, entity("lake", "ORG", text))
    assert only(quotes, "the lake had warmed").speaker is None
    text = 'The High Court of Velmar said the law was "plainly unfair."'
    quotes = quotes_of(
        text, entity("The High Court of", "ORG", text), entity("Velmar", "ORG", text)
    )
    assert only(quotes, "plainly unfair").speaker == "High Court of Velmar"


def test_a_clock_time_before_a_new_sentence_ends_it():
    text = (
        "A spokesman for the Velm Police said the van was stopped at 7 p.m. The driver, Ola "
        'Berg, told the Marsh Courier: "I was only delivering bread."'
    )
    police = entity("the Velm Police", "ORG", text)
    q = only(quotes_of(text, police), "the van was stopped")
    assert q.speaker == "Velm Police"


def test_asked_by_an_outlet_and_as_someone_put_it():
    text = (
        "Asked by the Marsh Courier whether the pier would reopen, Mayor Edda Holm said: "
        '"Not this year."'
    )
    q = only(quotes_of(text, entity("Edda Holm", "PERSON", text)), "Not this year")
    assert q.via == ["Marsh Courier"]
    text = (
        "The closure, which the council says will save money, has angered parents, for whom, as "
        'one of them, shop owner Lise Dahl, put it, "the town is dying."'
    )
    q = only(quotes_of(text, entity("Lise Dahl", "PERSON", text)), "the town is dying")
    assert (q.kind, q.speaker) == ("partial", "Lise Dahl")


def test_according_to_a_description_then_the_name_closing_the_sentence():
    text = (
        "All trains between Velm and Osterby were halted for most of Sunday afternoon after a "
        "signal cable was stolen, according to the rail operator, Nordline."
    )
    q = only(quotes_of(text, entity("Nordline", "ORG", text)), "All trains between Velm")
    assert q.speaker == "Nordline"


# --- rules read off the eighth held-out set's misses (sentences written for these tests) ------


def test_an_outlet_reporting_itself_relays_nobody_and_filings_and_memos_are_channels():
    text = "The Marsh Courier reported that the harbour master, Edda Vik, had resigned."
    q = only(quotes_of(text), "the harbour master, Edda Vik")
    assert (q.speaker, q.via) == ("Marsh Courier", [])
    text = (
        "In a memo to staff seen by the Velm Examiner, Harlow Freight chief executive Ada Roos "
        'wrote that the firm would "freeze pay" this year. Shares in Ostmark Motors fell after '
        "the carmaker said in a filing to the stock exchange that its chairman had quit."
    )
    motors = entity("Ostmark Motors", "ORG", text)
    quotes = quotes_of(text, motors, entity("Ada Roos", "PERSON", text))
    assert only(quotes, "freeze pay").via == ["memo", "Velm Examiner"]
    q = only(quotes, "its chairman had quit")
    assert (q.speaker, q.via) == ("Ostmark Motors", ["filing"])


def test_a_body_referred_to_by_the_last_noun_of_its_name():
    text = (
        "Trains out of Velm Central Station stopped for an hour, the station said. "
        '"We apologise," a station spokesman said. According to the Ostmark Water Authority, '
        "the reservoir is full. A spokeswoman for the authority said the dam was safe."
    )
    quotes = quotes_of(text)
    assert only(quotes, "Trains out of Velm").speaker == "Velm Central Station"
    assert only(quotes, "We apologise").speaker == "Velm Central Station"
    assert only(quotes, "the dam was safe").speaker == "Ostmark Water Authority"


def test_a_passive_speech_verb_with_its_agent():
    text = "It was announced by the Velm Rowing Club on Friday that the regatta would move."
    club = entity("the Velm Rowing Club", "ORG", text)
    q = only(quotes_of(text, club), "the regatta would move")
    assert (q.kind, q.speaker) == ("indirect", "Velm Rowing Club")
    assert not quotes_of("It was reported that the bridge had closed.")


def test_a_closing_attribution_with_an_appositive_name():
    text = (
        "The Ostmark Library has returned a stolen atlas to the cathedral, the library's "
        "director, Runa Falk, announced."
    )
    q = only(quotes_of(text, entity("Runa Falk", "PERSON", text)), "The Ostmark Library has")
    assert q.speaker == "Runa Falk"


def test_quoted_by_an_outlet_as_saying_after_the_quote():
    text = '"Prices will hold," mill owner Ivo Lund was quoted by Radio Kestel as saying.'
    q = only(quotes_of(text, entity("Ivo Lund", "PERSON", text)), "Prices will hold")
    assert (q.speaker, q.via) == ("Ivo Lund", ["Radio Kestel"])


def test_telling_an_outlet_and_the_agency_named_before():
    text = (
        "Union leader Per Holt disputes that, telling the Marsh Courier that the pits are "
        '"unsafe." Floods cut the road, AFP reported. "Nobody came," a farmer told the agency.'
    )
    quotes = quotes_of(text, entity("Per Holt", "PERSON", text))
    q = only(quotes, "unsafe")
    assert (q.speaker, q.via) == ("Per Holt", ["Marsh Courier"])
    assert only(quotes, "Nobody came").via == ["AFP"]


def test_according_to_staff_of_a_named_body():
    text = "The truce was broken within hours, according to monitors from the Velm Peace Mission."
    mission = entity("the Velm Peace Mission", "ORG", text)
    q = only(quotes_of(text, mission), "The truce was broken")
    assert q.speaker == "Velm Peace Mission"
