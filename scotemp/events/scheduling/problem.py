"""The scheduler's input and output, as plain frozen data (the contract between the B2B actions and
the solver). Identifiers are the database keys of the rows they stand for; slots are given in time
order, and "idle gaps" are counted in that order."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Participant:
    id: int
    languages: frozenset[str]  # ISO 639-1 codes the participant can negotiate in
    available: frozenset[int]  # slot ids the participant marked free (all slots when they marked none)
    cap: int  # at most this many meetings in the session
    table: int | None = None  # a fixed booth: every meeting of this participant is held at this table


@dataclass(frozen=True)
class Table:
    id: int
    booth_of: int | None = None  # a fixed booth belongs to one participant and hosts only their meetings


@dataclass(frozen=True)
class Interpreter:
    id: int
    pairs: frozenset[frozenset[str]]  # language pairs interpreted, e.g. {frozenset({"zh", "ru"})}
    available: frozenset[int]  # slot ids


@dataclass(frozen=True)
class Request:
    """An accepted meeting request between participants ``a`` and ``b``, worth ``weight`` when
    scheduled (e.g. 3 for "must meet", 1 for "would like to meet"). A request with ``locked`` set is
    a meeting the organizer locked or already published: the solver keeps it exactly as given."""

    id: int
    a: int
    b: int
    weight: int
    locked: "Meeting | None" = None


@dataclass(frozen=True)
class Problem:
    slots: tuple[int, ...]  # slot ids in time order
    participants: dict[int, Participant]
    tables: dict[int, Table]
    interpreters: dict[int, Interpreter]
    requests: tuple[Request, ...]
    time_limit: float = 60.0  # seconds the solver may use
    workers: int = 2  # solver threads


@dataclass(frozen=True)
class Meeting:
    request: int
    slot: int
    table: int
    interpreter: int | None = None  # set when the two sides share no language


class Unscheduled:
    """Why a request was left out, most specific first (values stored on the request row)."""

    NO_COMMON_SLOT = "no_common_slot"  # the two sides have no free slot in common
    CAP_REACHED = "cap_reached"  # one side reached their cap of meetings
    NO_INTERPRETER = "no_interpreter"  # no interpreter of the pair is free in any common slot
    NO_TABLE = "no_table"  # every table was taken in the common free slots
    BUSY = "busy"  # the common free slots went to other meetings of one side or the other


@dataclass
class Solution:
    meetings: list[Meeting]
    unscheduled: dict[int, str]  # request id -> an Unscheduled value
    objective: int  # sum of the weights of the scheduled requests
    bound: float  # proven upper bound on that sum (objective == bound: optimal)
    idle_gaps: int  # empty slots between a participant's first and last meeting, summed
    seconds: float
    status: str  # "optimal", "feasible"
    stats: dict = field(default_factory=dict)
