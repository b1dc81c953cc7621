// The schema migrations compiled into the library, so a store never reads the source tree.
//
// Generated from schemas/sql/NNN_name.sql at build time (embed_sql.cmake). Numbers are
// unique and ascending; a migration, once released, is never edited, only followed by
// another.
#pragma once

#include <span>

namespace docket {

struct Migration {
  int number;        // NNN of the file name
  const char* name;  // the file name without ".sql"
  const char* sql;   // the file's text, executed as one script
};

// Every migration, in ascending order of number.
std::span<const Migration> Migrations();
// PgStore's, from schemas/sql/pg/NNN_name.sql: the same schema in PostgreSQL's dialect.
std::span<const Migration> PgMigrations();

}  // namespace docket
