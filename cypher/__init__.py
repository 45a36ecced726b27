"""Every Cypher statement of netgraph, one per ``.cypher`` file, loaded by name.

Shipped inside the wheel as ``netgraph.cypher``; see ``netgraph.store.neo4j_backend.cypher``.
"""
