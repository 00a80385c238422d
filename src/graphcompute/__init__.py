"""Graph Compute 100: what the course notebooks import.

`draw` pictures computational graphs, `gradcheck` compares gradients the way the course's tests
do, `data` makes the small data sets of the course, and the reference engines (`engine` for
scalars, days 9-10; `nn` on top of it, day 11; `tensor` for arrays, days 22-26; `ir`, the SSA
form of day 42, for the compiler days) are the versions
of what a day taught that later days build on, so one unfinished day never blocks the next.
"""

__version__ = "0.1.0"
