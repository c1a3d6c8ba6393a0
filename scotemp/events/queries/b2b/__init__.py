"""Reads of the B2B meetings, split by meaning: who may see and do what (:mod:`.access`), the
participant directory with match scores (:mod:`.directory`), agendas and calendar items
(:mod:`.agenda`), what came of the meetings (:mod:`.outcomes`)."""
