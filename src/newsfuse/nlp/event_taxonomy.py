"""The 30 event label codes, each with its ACLED event type, ACLED sub-event type and PLOVER type.

The codes are those of ``newsfuse eval events`` (the CASE 2021 shared-task label set: the 25 ACLED
sub-event types plus 5 types outside ACLED). ACLED names are the codebook's own spellings
("Shelling/artillery/missile attack"); for the five codes outside ACLED the event type is a
short name of our own ("Disasters") and :attr:`EventType.acled` is False.

The PLOVER type is the nearest of the 2021 PLOVER event types (AGREE, CONSULT, SUPPORT, CONCEDE,
COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE,
ASSAULT), or OTHER where none fits. PLOVER 2021 folded the older FIGHT into ASSAULT ("use
conventional military force" is ASSAULT in the CAMEO→PLOVER table), so every battle and every
remote-violence code is ASSAULT.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EVENT_TYPES", "LABELS", "NONE_LABEL", "PLOVER_TYPES", "EventType", "event_type"]

# The classifier's label for a sentence that reports no event; never an event label itself.
NONE_LABEL = "NONE"

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "OTHER",
)

_BATTLES = "Battles"
_REMOTE = "Explosions/Remote violence"
_CIVILIANS = "Violence against civilians"
_PROTESTS = "Protests"
_RIOTS = "Riots"
_STRATEGIC = "Strategic developments"


@dataclass(frozen=True, slots=True)
class EventType:
    label: str  # the evaluation code ("ART_MISS_ATTACK")
    event_type: str  # ACLED event type, or our name for a type outside ACLED
    sub_event_type: str  # ACLED sub-event type, or our name for a type outside ACLED
    plover: str  # nearest PLOVER 2021 event type, or "OTHER"
    acled: bool = True


EVENT_TYPES: dict[str, EventType] = {
    t.label: t
    for t in (
        # Battles: fighting between armed, organized groups. Both sides use force: ASSAULT.
        EventType("ARMED_CLASH", _BATTLES, "Armed clash", "ASSAULT"),
        EventType("GOV_REGAINS_TERIT", _BATTLES, "Government regains territory", "ASSAULT"),
        EventType(
            "NON_STATE_ACTOR_OVERTAKES_TER",
            _BATTLES,
            "Non-state actor overtakes territory",
            "ASSAULT",
        ),
        # Explosions/Remote violence: PLOVER ASSAULT with its weapon modes.
        EventType("AIR_STRIKE", _REMOTE, "Air/drone strike", "ASSAULT"),
        EventType("ART_MISS_ATTACK", _REMOTE, "Shelling/artillery/missile attack", "ASSAULT"),
        EventType("CHEM_WEAP", _REMOTE, "Chemical weapon", "ASSAULT"),
        EventType("GRENADE", _REMOTE, "Grenade", "ASSAULT"),
        EventType("REM_EXPLOS", _REMOTE, "Remote explosive/landmine/IED", "ASSAULT"),
        EventType("SUIC_BOMB", _REMOTE, "Suicide bomb", "ASSAULT"),
        # Violence against civilians: ASSAULT (modes beat, abduct, sexual).
        EventType("ATTACK", _CIVILIANS, "Attack", "ASSAULT"),
        EventType("ABDUCT_DISSAP", _CIVILIANS, "Abduction/forced disappearance", "ASSAULT"),
        EventType("SEX_VIOL", _CIVILIANS, "Sexual violence", "ASSAULT"),
        # Protests: the demonstration is the PLOVER event; lethal or excessive force against
        # protesters is violent repression, which PLOVER 2021 codes as ASSAULT.
        EventType("PEACE_PROTEST", _PROTESTS, "Peaceful protest", "PROTEST"),
        EventType("PROTEST_WITH_INTER", _PROTESTS, "Protest with intervention", "PROTEST"),
        EventType(
            "FORCE_AGAINST_PROTEST", _PROTESTS, "Excessive force against protesters", "ASSAULT"
        ),
        # Riots: a violent demonstration is PLOVER PROTEST (mode riot); mob violence has no
        # demonstration behind it and is a physical assault.
        EventType("VIOL_DEMONSTR", _RIOTS, "Violent demonstration", "PROTEST"),
        EventType("MOB_VIOL", _RIOTS, "Mob violence", "ASSAULT"),
        # Strategic developments.
        EventType("AGREEMENT", _STRATEGIC, "Agreement", "AGREE"),
        EventType("ARREST", _STRATEGIC, "Arrests", "COERCE"),  # mode arrest
        EventType("CHANGE_TO_GROUP_ACT", _STRATEGIC, "Change to group/activity", "MOBILIZE"),
        EventType("DISR_WEAP", _STRATEGIC, "Disrupted weapons use", "COERCE"),  # mode seize
        EventType("HQ_ESTABLISHED", _STRATEGIC, "Headquarters or base established", "MOBILIZE"),
        EventType(
            "NON_VIOL_TERRIT_TRANSFER", _STRATEGIC, "Non-violent transfer of territory", "RETREAT"
        ),
        EventType("PROPERTY_DISTRUCT", _STRATEGIC, "Looting/property destruction", "COERCE"),
        EventType("OTHER", _STRATEGIC, "Other", "OTHER"),
        # Outside ACLED. PLOVER codes political interactions, not crime or disasters.
        EventType("ORG_CRIME", "Crime", "Organized crime", "OTHER", acled=False),
        EventType("NATURAL_DISASTER", "Disasters", "Natural disaster", "OTHER", acled=False),
        EventType("MAN_MADE_DISASTER", "Disasters", "Man-made disaster", "OTHER", acled=False),
        EventType("DIPLO", "Diplomacy", "Diplomatic event", "CONSULT", acled=False),
        # Claiming or being blamed for an attack is an accusation (PLOVER ACCUSE).
        EventType("ATTRIB", "Attribution", "Attribution of an attack", "ACCUSE", acled=False),
    )
}

LABELS: tuple[str, ...] = tuple(EVENT_TYPES)


def event_type(label: str) -> EventType:
    """The taxonomy entry of an evaluation code; a clear error for an unknown one."""
    try:
        return EVENT_TYPES[label]
    except KeyError:
        raise KeyError(f"unknown event label {label!r}; known: {', '.join(LABELS)}") from None
