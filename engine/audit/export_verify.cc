#include "audit/export_verify.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <functional>
#include <memory>
#include <thread>

#include "audit/canonical_json.h"
#include "audit/chain.h"
#include "audit/scratch_buffer.h"
#include "audit/sha256.h"
#include "core/env.h"

namespace docket {

namespace {

constexpr std::size_t kDefaultBlockBytes = 4 << 20;
constexpr std::size_t kMaxLineBytes = 64 << 20;

using WorkflowVersion = std::pair<std::string, std::int64_t>;

struct LineError {
  std::int64_t line = 0;
  std::int64_t seq = 0;  // the entry on the line (0: none)
  Msg why;
};

// What one thread found in a run of consecutive entry lines.
struct RangeResult {
  std::optional<LineError> error;  // the first, in line order
  std::string first_prev;          // prev_hash of the first entry (linked by the caller)
  std::string last_hash;
  std::map<WorkflowVersion, std::int64_t> used;  // -> first entry naming it
  std::optional<std::string> wanted;
};

bool LooksLikeDefinition(std::string_view line) {
  return line.find("\"type\":\"definition\"") != std::string_view::npos;
}
bool LooksLikeEntry(std::string_view line) { return line.rfind("{\"action\":", 0) == 0; }

class EntryChecker {
 public:
  EntryChecker(const ExportHeader& header, std::int64_t want_seq)
      : header_(header), want_seq_(want_seq) {}

  // Checks lines[0..n) — entry lines, the first being file line `first_line`. Two lines at
  // a time, their hashes computed at once (Sha256Two).
  RangeResult Check(const std::string_view* lines, std::size_t n, std::int64_t first_line) {
    RangeResult r;
    last_used_ = {};
    for (std::size_t i = 0; i < n; i += 2) {
      const std::size_t count = std::min<std::size_t>(2, n - i);
      const std::int64_t seq = first_line + static_cast<std::int64_t>(i) - 1;
      for (std::size_t j = 0; j < count; ++j) Scan(lines[i + j], seq + static_cast<std::int64_t>(j), &slots_[j]);
      if (count == 2 && slots_[0].scanned && slots_[1].scanned) {
        Sha256Digest d0, d1;
        Sha256Two(slots_[0].hashed, slots_[1].hashed, &d0, &d1);
        slots_[0].hash_ok = IsHexOf(d0, slots_[0].e.hash);
        slots_[1].hash_ok = IsHexOf(d1, slots_[1].e.hash);
      } else {
        for (std::size_t j = 0; j < count; ++j) {
          Slot& s = slots_[j];
          s.hash_ok = s.scanned && IsHexOf(Sha256(s.hashed.a, s.hashed.b), s.e.hash);
        }
      }
      for (std::size_t j = 0; j < count; ++j) {
        const std::int64_t line_seq = seq + static_cast<std::int64_t>(j);
        Msg problem = CheckOne(lines[i + j], line_seq, i + j == 0, &slots_[j], &r);
        if (!problem.empty()) {
          r.error = LineError{line_seq + 1, line_seq, std::move(problem)};
          return r;
        }
      }
    }
    return r;
  }

 private:
  // One line being checked: the entry read from it and the text its hash covers.
  struct Slot {
    AuditEntry e;
    bool scanned = false;   // the line is canonical, entry `seq` of the header's org
    Sha256Pieces hashed;    // when scanned: the line without its hash member
    bool hash_ok = false;   // when scanned: the hash recomputes
  };

  // A line in canonical form is checked as it stands: its hash covers the line without the
  // hash member. Anything else (or a line that fails) is read in full and rebuilt by
  // CheckOne, to say what is wrong.
  void Scan(std::string_view line, std::int64_t seq, Slot* s) {
    std::size_t at = 0;
    s->scanned = ScanCanonicalEntryLine(line, &s->e, &at) && s->e.seq == seq && s->e.org == header_.org &&
                 s->e.hash.size() == 64;
    if (s->scanned) s->hashed = {line.substr(0, at), line.substr(at + kHashMemberBytes)};
  }

  // An empty Msg when the line (scanned into `s`) is entry `seq`, linked to the previous one
  // (unless it is the first of the range); otherwise what is wrong with entry `seq`.
  Msg CheckOne(std::string_view line, std::int64_t seq, bool first, Slot* s, RangeResult* r) {
    AuditEntry& e = s->e;
    if (!s->scanned || !s->hash_ok) {
      Msg problem = CheckInFull(line, seq, &e);
      if (!problem.empty()) return problem;
    }
    // The first entry of a run links to the run before it, which the caller checks.
    if (first) r->first_prev = e.prev_hash;
    if (seq == 1 || !first) {
      Msg link = ChainLinkProblem(seq, e.prev_hash, r->last_hash, LinkWording::kExportFile);
      if (!link.empty()) return link;
    }
    if (seq == header_.entries && e.hash != header_.head_hash) {
      return Msg("its hash is not the header's head_hash");
    }
    r->last_hash = e.hash;
    if (seq == want_seq_) r->wanted = e.hash;
    if (!e.workflow.empty()) {
      if (last_used_.first != e.workflow || last_used_.second != e.workflow_version) {
        last_used_ = {e.workflow, e.workflow_version};
        r->used.emplace(last_used_, seq);
      }
    }
    return Msg();
  }

  // The full check of entry line `seq`: an empty Msg when it is the entry, in canonical
  // form, with its hash matching; otherwise what is wrong.
  Msg CheckInFull(std::string_view line, std::int64_t seq, AuditEntry* entry) {
    AuditEntry& e = *entry;
    Sha256Digest claimed;
    Status parsed = ParseEntryLine(line, &e);
    if (!parsed.ok()) {
      if (LooksLikeDefinition(line)) {
        return Msg("a definition line where an entry is expected: the header lists {entries} entries (entries removed?)",
                   {{"entries", header_.entries}});
      }
      return Msg("not an audit entry: {why}", {{"why", parsed.msg()}});
    }
    if (e.seq != seq) {
      return Msg("holds entry {seq} (an entry is missing, repeated or out of order)", {{"seq", e.seq}});
    }
    if (e.org != header_.org) {
      return Msg("org is '{org}' but the header says '{header_org}'", {{"org", e.org}, {"header_org", header_.org}});
    }
    if (!ParseHexDigest(e.hash, &claimed)) return Msg("hash is not 64 lower-case hex digits");
    // The line must be the canonical text with "hash" in its place: compare around it.
    canonical_.clear();
    std::size_t at = 0;
    AppendCanonicalEntry(e, /*with_hash=*/false, &canonical_, &at);
    static constexpr std::string_view kHashKey = ",\"hash\":\"";
    const std::string_view text(canonical_);
    if (line.size() != text.size() + kHashMemberBytes || line.substr(0, at) != text.substr(0, at) ||
        line.substr(at, kHashKey.size()) != kHashKey || line[at + kHashMemberBytes - 1] != '"' ||
        line.substr(at + kHashMemberBytes) != text.substr(at)) {
      return Msg("not in canonical form (docs/AUDIT.md)");
    }
    if (Sha256(canonical_) != claimed) return Msg("hash does not match the entry's content (the entry was changed)");
    return Msg();
  }

  // ,"hash":"<64 hex digits>"
  static constexpr std::size_t kHashMemberBytes = 9 + 64 + 1;

  const ExportHeader& header_;
  const std::int64_t want_seq_;
  Slot slots_[2];
  std::string canonical_;
  WorkflowVersion last_used_;
};

class FileVerifier {
 public:
  FileVerifier(std::string path, const ExportVerifyOptions& options)
      : path_(std::move(path)),
        options_(options),
        block_(options.block_bytes > 0 ? options.block_bytes : kDefaultBlockBytes) {
    threads_ = options.threads > 0 ? options.threads
                                   : Env::Default().UsableCpus(8);
  }

  Result<ExportVerifyReport> Run() {
    int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return Status::NotFound(Msg("{file}: no such file", {{"file", path_}}));
      return Status::Storage(
          Msg("{file}: cannot open the file: {error}", {{"file", path_}, {"error", std::strerror(errno)}}));
    }
    // Closed however the reading ends (an exception from a checking thread included).
    struct Closer {
      int fd;
      ~Closer() { ::close(fd); }
    } closer{fd};
    DOCKET_RETURN_IF_ERROR(ReadAll(fd));
    DOCKET_RETURN_IF_ERROR(Finish());
    report_.lines = next_line_ - 1;
    return report_;
  }

 private:
  Status Fail(std::int64_t line, Msg why) {
    return Status::Integrity(Msg("{file}, line {line}: {why}", {{"file", path_}, {"line", line}, {"why", std::move(why)}}));
  }
  // Line `line`, which holds entry `seq`.
  Status FailEntry(std::int64_t line, std::int64_t seq, Msg why) {
    return Status::Integrity(Msg("{file}, line {line} (entry {seq}): {why}",
                                 {{"file", path_}, {"line", line}, {"seq", seq}, {"why", std::move(why)}}));
  }

  // One block of the file and its lines: those that end in it (`used` bytes, up to its last
  // newline), the rest being read again at the start of the next block.
  struct Block {
    Result<std::size_t> got = std::size_t{0};
    std::size_t used = 0;  // 0: no newline in the block
    std::vector<std::string_view> lines;
  };

  // Reads `size` bytes at `offset` into `buf` and splits them into lines.
  Block ReadBlock(int fd, char* buf, std::size_t size, std::int64_t offset) const {
    Block b;
    b.got = ReadAt(fd, buf, size, offset);
    if (!b.got.ok() || *b.got == 0) return b;
    const void* last_nl = memrchr(buf, '\n', *b.got);
    if (last_nl == nullptr) return b;
    b.used = static_cast<const char*>(last_nl) - buf + 1;
    for (std::size_t start = 0; start < b.used;) {
      const char* nl = static_cast<const char*>(std::memchr(buf + start, '\n', b.used - start));
      b.lines.emplace_back(buf + start, nl - (buf + start));
      start = nl - buf + 1;
    }
    return b;
  }

  // Reads the file block by block with pread: while the lines of one block are checked, the
  // next block (starting after the last newline of this one) is read and split into lines
  // by the first thread, which then joins the checking.
  Status ReadAll(int fd) {
    // Blocks no larger than the file needs (a school's export is a few MB).
    struct stat st {};
    std::size_t size = block_;
    if (::fstat(fd, &st) == 0 && st.st_size >= 0) {
      size = std::min(size, std::max<std::size_t>(static_cast<std::size_t>(st.st_size) + 1, 1 << 16));
    }
    // Two buffers, one read while the other is checked; the second only once a file needs
    // more than one block.
    ScratchBuffer buffers[2];
    char* bufs[2] = {buffers[0].Bytes(size), nullptr};
    std::int64_t offset = 0;
    int cur = 0;
    Block b = ReadBlock(fd, bufs[cur], size, offset);
    while (true) {
      if (!b.got.ok()) return b.got.status();
      const std::size_t len = *b.got;
      if (len == 0) return Status::Ok();
      const bool at_end = len < size;  // a short read of a regular file: its end
      if (b.used == 0) {
        if (at_end) return Fail(next_line_, Msg("the file ends inside this line, without its newline (cut off?)"));
        if (size >= kMaxLineBytes) {
          return Fail(next_line_, Msg("longer than {bytes} bytes", {{"bytes", kMaxLineBytes}}));
        }
        // A line longer than a block: read this part again with bigger blocks.
        size *= 4;
        for (int k = 0; k < 2; ++k) {
          if (bufs[k] != nullptr) bufs[k] = buffers[k].Bytes(size);
        }
        b = ReadBlock(fd, bufs[cur], size, offset);
        continue;
      }
      const std::int64_t next_offset = offset + static_cast<std::int64_t>(b.used);
      // The next block is read while the other threads check this one's first runs.
      Block next;
      std::function<void()> read_next;
      if (!at_end) {
        if (bufs[1 - cur] == nullptr) bufs[1 - cur] = buffers[1 - cur].Bytes(size);
        read_next = [&, buf = bufs[1 - cur]] { next = ReadBlock(fd, buf, size, next_offset); };
      }
      Status st = Lines(b.lines, &read_next);
      if (at_end) {
        DOCKET_RETURN_IF_ERROR(st);
        if (b.used < len) return Fail(next_line_, Msg("the file ends inside this line, without its newline (cut off?)"));
        return Status::Ok();
      }
      DOCKET_RETURN_IF_ERROR(st);
      if (read_next) read_next();  // no entries in this block: read it now
      b = std::move(next);
      offset = next_offset;
      cur = 1 - cur;
    }
  }

  // Up to `size` bytes at `offset` (fewer only at the end of the file).
  Result<std::size_t> ReadAt(int fd, char* buf, std::size_t size, std::int64_t offset) const {
    std::size_t done = 0;
    while (done < size) {
      const ssize_t n = ::pread(fd, buf + done, size - done, static_cast<off_t>(offset + done));
      if (n < 0) {
        if (errno == EINTR) continue;
        return Status::Storage(
            Msg("{file}: cannot read the file: {error}", {{"file", path_}, {"error", std::strerror(errno)}}));
      }
      if (n == 0) break;
      done += static_cast<std::size_t>(n);
    }
    return done;
  }

  // Checks `lines`, the next lines of the file. `meanwhile`, when set, is work for this thread
  // while the others start checking; it is run and cleared then.
  Status Lines(const std::vector<std::string_view>& lines, std::function<void()>* meanwhile) {
    std::size_t i = 0;
    if (i < lines.size() && next_line_ == 1) {
      if (lines[0].empty()) return Fail(1, Msg("the header line is empty"));
      Result<ExportHeader> h = ParseHeaderLine(lines[0]);
      if (!h.ok()) return Fail(1, h.status().msg());
      report_.header = *h;
      last_hash_ = kZeroHash;
      ++i;
      ++next_line_;
    }
    // Entry lines: file lines 2 .. entries+1.
    const std::int64_t entry_lines_left = report_.header.entries + 2 - next_line_;
    const std::size_t n = std::min<std::size_t>(lines.size() - i, std::max<std::int64_t>(0, entry_lines_left));
    if (n > 0) {
      DOCKET_RETURN_IF_ERROR(Entries(lines.data() + i, n, meanwhile));
      i += n;
      next_line_ += static_cast<std::int64_t>(n);
    }
    for (; i < lines.size(); ++i, ++next_line_) DOCKET_RETURN_IF_ERROR(Definition(lines[i]));
    return Status::Ok();
  }

  Status Entries(const std::string_view* lines, std::size_t n, std::function<void()>* meanwhile) {
    // The lines in runs of a few hundred to a few thousand that the threads take in turn, so
    // that none waits long for the last; tests with tiny blocks still get several runs.
    const std::size_t run_lines =
        options_.block_bytes > 0 ? 1 : std::clamp<std::size_t>(n / (8 * threads_), 256, 2048);
    const std::size_t parts = std::max<std::size_t>(1, n / run_lines);
    std::vector<RangeResult> results(parts);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      EntryChecker checker(report_.header, options_.want_seq);
      for (std::size_t k; (k = next++) < parts;) {
        const std::size_t from = n * k / parts, to = n * (k + 1) / parts;
        results[k] = checker.Check(lines + from, to - from, next_line_ + static_cast<std::int64_t>(from));
      }
    };
    OnThreads(Env::Default(), static_cast<int>(std::min<std::size_t>(threads_, parts)), work, [&] {
      if (meanwhile != nullptr && *meanwhile) {
        (*meanwhile)();
        *meanwhile = nullptr;
      }
      work();
    });
    for (std::size_t k = 0; k < parts; ++k) {
      const std::int64_t first_line = next_line_ + static_cast<std::int64_t>(n * k / parts);
      const RangeResult& r = results[k];
      const bool first_failed = r.error && r.error->line == first_line;
      if (!first_failed && first_line > 2) {
        const std::int64_t seq = first_line - 1;
        Msg link = ChainLinkProblem(seq, r.first_prev, last_hash_, LinkWording::kExportFile);
        if (!link.empty()) return FailEntry(first_line, seq, std::move(link));
      }
      if (r.error) return FailEntry(r.error->line, r.error->seq, r.error->why);
      last_hash_ = r.last_hash;
      for (const auto& [wv, seq] : r.used) used_.emplace(wv, seq);  // keeps the earliest
      if (r.wanted) report_.hash_at_want_seq = r.wanted;
    }
    return Status::Ok();
  }

  Status Definition(std::string_view line) {
    if (LooksLikeEntry(line)) {
      return Fail(next_line_,
                  Msg("an audit entry after entry {entries}, the last the header lists (header changed or entry added?)",
                      {{"entries", report_.header.entries}}));
    }
    Result<ExportDefinition> d = ParseDefinitionLine(line);
    if (!d.ok()) return Fail(next_line_, d.status().msg());
    if (!report_.definitions.empty()) {
      const ExportDefinition& prev = report_.definitions.back();
      if (std::tie(prev.workflow, prev.version) >= std::tie(d->workflow, d->version)) {
        return Fail(next_line_, Msg("definition '{workflow}' version {version} is repeated or out of order (by workflow, then version)",
                                    {{"workflow", d->workflow}, {"version", d->version}}));
      }
    }
    if (!options_.keep_sources) d->source.clear();
    report_.definitions.push_back(std::move(d).value());
    return Status::Ok();
  }

  Status Finish() {
    if (next_line_ == 1) return Fail(1, Msg("the file is empty (no header)"));
    const std::int64_t entries_seen = std::min(next_line_ - 2, report_.header.entries);
    if (entries_seen < report_.header.entries) {
      return Fail(next_line_, Msg("the file ends after {seen} of the {entries} entries the header lists (cut off?)",
                                  {{"seen", entries_seen}, {"entries", report_.header.entries}}));
    }
    std::map<WorkflowVersion, const ExportDefinition*> listed;
    for (const ExportDefinition& d : report_.definitions) listed.emplace(WorkflowVersion{d.workflow, d.version}, &d);
    for (const auto& [wv, seq] : used_) {
      if (listed.count(wv) == 0) {
        return Status::Integrity(
            Msg("{file}: entry {seq} (line {line}) names workflow '{workflow}' version {version}, which no definition line lists (lines removed or cut off?)",
                {{"file", path_}, {"seq", seq}, {"line", seq + 1}, {"workflow", wv.first}, {"version", wv.second}}));
      }
    }
    for (std::size_t k = 0; k < report_.definitions.size(); ++k) {
      const ExportDefinition& d = report_.definitions[k];
      if (used_.count({d.workflow, d.version}) == 0) {
        return Fail(report_.header.entries + 2 + static_cast<std::int64_t>(k),
                    Msg("definition '{workflow}' version {version} is named by no entry (added?)",
                        {{"workflow", d.workflow}, {"version", d.version}}));
      }
    }
    return Status::Ok();
  }

  const std::string path_;
  const ExportVerifyOptions options_;
  const std::size_t block_;
  int threads_ = 1;
  ExportVerifyReport report_;
  std::int64_t next_line_ = 1;  // file line number of the next line to check
  std::string last_hash_;       // hash of the last entry checked
  std::map<WorkflowVersion, std::int64_t> used_;
};

}  // namespace

Result<ExportVerifyReport> VerifyExportFile(const std::string& path, const ExportVerifyOptions& options) {
  return FileVerifier(path, options).Run();
}

}  // namespace docket
