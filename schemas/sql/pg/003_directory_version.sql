-- The directory's version: one number moved, in the changing transaction, by every change
-- of the rows an action reads about its actor, its organization and its workflow (orgs,
-- bodies, people, person_roles, role_labels, definitions), whoever makes it (a Docket
-- process, psql). A connection that keeps those rows between transactions (PgStore's
-- directory cache) reads the number with its BEGIN and keeps them only while it has not
-- moved. A row, not a sequence: the number moves when the change commits, never before.
CREATE TABLE directory_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO directory_version(id, version) VALUES (1, 1);

CREATE FUNCTION directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER orgs_directory_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON orgs
  FOR EACH STATEMENT EXECUTE FUNCTION directory_changed();
CREATE TRIGGER bodies_directory_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON bodies
  FOR EACH STATEMENT EXECUTE FUNCTION directory_changed();
CREATE TRIGGER people_directory_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON people
  FOR EACH STATEMENT EXECUTE FUNCTION directory_changed();
CREATE TRIGGER person_roles_directory_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON person_roles
  FOR EACH STATEMENT EXECUTE FUNCTION directory_changed();
CREATE TRIGGER role_labels_directory_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_labels
  FOR EACH STATEMENT EXECUTE FUNCTION directory_changed();
CREATE TRIGGER definitions_directory_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON definitions
  FOR EACH STATEMENT EXECUTE FUNCTION directory_changed();
