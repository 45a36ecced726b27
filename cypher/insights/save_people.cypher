// One batch of run $run's stored person rows: [person, unit, rank, cut_size, sole_links,
// bridges, row (JSON), impact_order, exposed_order]; the cut figures are null for someone
// who is no cut point, the orders for someone no order lists (left unset). Reads see them once save_state makes $run the current run.
UNWIND $rows AS r
CREATE (:InsightPerson {
  run: $run, person: r[0], unit: r[1], rank: r[2], cut_size: r[3], sole_links: r[4], bridges: r[5], row: r[6],
  impact_order: r[7], exposed_order: r[8]
})
