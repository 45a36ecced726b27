// The introductions counted in groups of the same status, month proposed, days from proposal to meeting
// and rated outcome: a few hundred rows instead of one an introduction (20,000 at 100k people).
// The groups are those of netgraph.model.introduction_tally (the month: created_on's first seven characters;
// the days: met_on minus created_on; each null when its dates are missing), held together by the contract tests.
MATCH (i:Introduction)
WITH i.status AS status,
     CASE WHEN i.created_on IS NULL OR i.created_on = '' THEN null ELSE left(i.created_on, 7) END AS month,
     CASE
       WHEN i.created_on IS NULL OR i.created_on = '' OR i.met_on IS NULL OR i.met_on = '' THEN null
       ELSE duration.inDays(date(i.created_on), date(i.met_on)).days
     END AS met_days,
     i.outcome AS outcome
RETURN status, month, met_days, outcome, count(*) AS count
