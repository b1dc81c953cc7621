// DocumentStore: texts kept under their SHA-256 hex — a submitted report's json form,
// whose hash the audit chain records, so the copy can be checked against the chain.
//
// Contract: every method returns Status/Result and never throws. A hash names one content
// for ever: PutDocument keeps the first copy of a hash and ignores later ones.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace docket {

struct StoredDocument {
  std::string hash;
  std::string content;
  std::string stored_at;  // ISO time; "" where the store keeps none
};

class DocumentStore {
 public:
  virtual ~DocumentStore() = default;

  // Keeps `content` under `hash` (a backend may refuse, Invalid, a hash that is not the
  // content's SHA-256). GetDocument returns nullopt for a hash never kept.
  virtual Status PutDocument(const std::string& hash, const std::string& content, const std::string& stored_at) = 0;
  virtual Result<std::optional<std::string>> GetDocument(const std::string& hash) = 0;
  // Every document kept, by hash: for a copy of a whole store (app/migrate.h).
  virtual Result<std::vector<StoredDocument>> ListDocuments() = 0;
};

}  // namespace docket
