"""Storage: the engine factory, the SQLModel tables and the functions that read and write them.

Every function here takes a keyword-only ``session`` and never commits: the caller decides where a
transaction ends, so that a command or a whole import lands at once or not at all.
"""
