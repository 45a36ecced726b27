// What the programme overview counts of every introduction: its status, when it was proposed and met,
// its rated outcome; no people and no other fields (the overview reads every introduction).
MATCH (i:Introduction)
RETURN i.status AS status, i.created_on AS created_on, i.met_on AS met_on, i.outcome AS outcome
