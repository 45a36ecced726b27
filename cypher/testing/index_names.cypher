// Tests only: the names of the indexes the database has (online or being built).
SHOW INDEXES YIELD name
RETURN name
