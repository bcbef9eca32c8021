#include "cli/driver/run_log.h"

namespace bf::driver {

void RunLog::add(const benchmark::BenchmarkReporter::Run& run) {
  if (run.run_type != benchmark::BenchmarkReporter::Run::RT_Iteration) return;
  const std::string& name = run.run_name.function_name;
  if (run.error_occurred) {
    add_failure(name, run.error_message);
  } else if (run.iterations > 0) {
    add_sample(name, run.real_accumulated_time / static_cast<double>(run.iterations));
  }
}

void RunLog::add_sample(const std::string& name, double seconds) { entry(name).seconds.push_back(seconds); }

void RunLog::add_failure(const std::string& name, const std::string& error) {
  Measurement& measurement = entry(name);
  measurement.failed = true;
  measurement.error = error;
}

const Measurement* RunLog::find(const std::string& name) const {
  for (const Measurement& measurement : measurements_) {
    if (measurement.name == name) return &measurement;
  }
  return nullptr;
}

bool RunLog::any_failed() const {
  for (const Measurement& measurement : measurements_) {
    if (measurement.failed) return true;
  }
  return false;
}

Measurement& RunLog::entry(const std::string& name) {
  for (Measurement& measurement : measurements_) {
    if (measurement.name == name) return measurement;
  }
  measurements_.push_back(Measurement{name, {}, false, ""});
  return measurements_.back();
}

}  // namespace bf::driver
