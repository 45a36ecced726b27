"""Network insights: who holds the organisation together, and where it would break.

:mod:`.projection` reads the contact network from a store once, as integer
ids and strengths, and builds the igraph graph the global measures run on;
:mod:`.people` computes the person measures (betweenness, Burt's constraint
and effective size, degree, brokerage roles) and Cross's labels.
"""
