#include "audit/export_batch.h"

namespace docket {

std::vector<Result<ExportVerifyReport>> VerifyExportFiles(const std::vector<std::string>& paths,
                                                          const ExportVerifyOptions& options, int threads) {
  ExportVerifyOptions one = options;
  one.threads = 1;
  return EachOnThreads<ExportVerifyReport>(paths.size(), threads > 0 ? threads : Env::Default().UsableCpus(8),
                                           [&](std::size_t i) { return VerifyExportFile(paths[i], one); });
}

}  // namespace docket
