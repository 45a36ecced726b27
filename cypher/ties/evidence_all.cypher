// Every stored count, one row per input that counted it (netgraph/analysis/ties.py adds them up in
// DuckDB): streamed once, unsorted and ungrouped, so that tens of millions need no server memory.
MATCH (e:TieEvidence)
RETURN e.a AS a, e.b AS b, e.channel AS channel, e.day AS day, e.events AS events, e.minutes AS minutes
