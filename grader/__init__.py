"""gc100, the Graph Compute 100 autograder.

A pipeline of small steps over nbformat notebooks: source -> release -> submission -> restored ->
executed -> scored -> gradebook and feedback. `cli.py` is the thin command layer over them.
"""

__version__ = "0.1.0"
