"""Graph Compute 100: what the course notebooks import.

`draw` pictures computational graphs, `gradcheck` compares gradients the way the course's tests
do, and the reference engines (`engine` for scalars) are the versions of what a day taught that
later days build on, so one unfinished day never blocks the next.
"""

__version__ = "0.1.0"
