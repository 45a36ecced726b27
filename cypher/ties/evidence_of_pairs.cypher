// The stored counts of the pairs $pairs ([a, b], a < b), one row per input that counted them.
UNWIND $pairs AS pair
MATCH (e:TieEvidence {a: pair[0]})
WHERE e.b = pair[1]
RETURN e.a AS a, e.b AS b, e.channel AS channel, e.day AS day, e.events AS events, e.minutes AS minutes
