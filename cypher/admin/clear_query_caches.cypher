// Drop every cached plan, so that the next run of each statement is planned on the
// figures as they are now, not on those of before a large write (an emptied database).
CALL db.clearQueryCaches()
