// The non-template parts of wick::data's DataLoader (dataloader.h).
#include "wick/data/dataloader.h"

#include "wick/data/chunk.h"

namespace wick::data {

FullDataLoaderOptions::FullDataLoaderOptions(const DataLoaderOptions& options)
    : batch_size(options.batch_size()),
      workers(options.workers()),
      max_jobs(options.max_jobs().value_or(2 * options.workers())),
      timeout(options.timeout()),
      enforce_ordering(options.enforce_ordering()),
      drop_last(options.drop_last()) {
  // Python's BatchSampler / DataLoader wording.
  WICK_CHECK_T(ValueError, batch_size > 0,
               "batch_size should be a positive integer value, but got batch_size=", batch_size);
  WICK_CHECK_T(ValueError, workers == 0 || max_jobs > 0,
               "max_jobs should be a positive integer value when workers > 0, but got max_jobs=",
               max_jobs);
  WICK_CHECK_T(ValueError, !timeout || timeout->count() >= 0,
               "timeout option should be non-negative");
}

WorkerException::WorkerException(std::exception_ptr original)
    : Error([&] {
        std::string message = "Caught exception in DataLoader worker thread.";
        try {
          std::rethrow_exception(original);
        } catch (const std::exception& e) {
          message += " Original message: ";
          message += e.what();
        } catch (...) {
        }
        return message;
      }()),
      original_exception(std::move(original)) {}

namespace datasets {

ChunkDatasetOptions::ChunkDatasetOptions(size_t preloader_count, size_t batch_size,
                                         size_t cache_size, size_t cross_chunk_shuffle_count)
    : preloader_count_(preloader_count),
      batch_size_(batch_size),
      cache_size_(cache_size),
      cross_chunk_shuffle_count_(cross_chunk_shuffle_count) {
  // LibTorch's wording.
  WICK_CHECK(preloader_count_ > 0,
             "Preloader count is 0. At least one preloader needs to be specified.");
  WICK_CHECK(batch_size_ > 0, "Batch size is 0. A positive batch size needs to be specified.");
  WICK_CHECK(cache_size_ > 0, "Cache size is 0. A positive cache size needs to be specified.");
  WICK_CHECK(cache_size_ >= batch_size_,
             "Cache size is less than batch size. Cache needs to be large enough to hold at "
             "least one batch.");
  WICK_CHECK(cross_chunk_shuffle_count_ > 0,
             "cross_chunk_shuffle_count needs to be greater than 0.");
}

}  // namespace datasets

namespace detail {

void throw_queue_timeout(std::chrono::milliseconds timeout) {
  throw Error(str("Timeout in DataLoader queue while waiting for next batch (timeout was ",
                  timeout.count(), " ms)"));
}

void check_sized(const std::optional<size_t>& size) {
  WICK_CHECK(size.has_value(), "Expected the dataset to be sized in order to construct the Sampler");
}

}  // namespace detail

}  // namespace wick::data
