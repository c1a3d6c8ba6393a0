"""The B2B meeting scheduler: a pure function from a :class:`~.problem.Problem` (who asked to meet
whom, with what priority; who is free when; tables; interpreters; caps; locked meetings) to a
:class:`~.problem.Solution` (each meeting's slot, table and interpreter, the reason for every request
left out, the objective and a proven upper bound). No database, no Django: the B2B actions build the
problem from their rows and store the solution.

``solver.solve`` is the entry point (OR-Tools CP-SAT, see its docstring); ``check.violations``
validates any solution against its problem (the tests and ``bench/scheduler.py`` use it)."""

from .problem import Interpreter, Meeting, Participant, Problem, Request, Solution, Table, Unscheduled

__all__ = ["Interpreter", "Meeting", "Participant", "Problem", "Request", "Solution", "Table", "Unscheduled"]
