// ReconcileResult: what one Reconcile returned, as controller-runtime sees it.
//
// Models: (ctrl.Result, error). `error` -> AddRateLimited; RequeueAfter > 0 -> Forget +
// AddAfter; Requeue -> AddRateLimited; otherwise Forget. Units: seconds.
#pragma once

namespace fleetsim::k8s {

struct ReconcileResult {
  enum class Kind { kSuccess, kError, kRequeue, kRequeueAfter };
  Kind kind = Kind::kSuccess;
  double after = 0;  // seconds, with kRequeueAfter

  static ReconcileResult success() { return {Kind::kSuccess, 0}; }
  static ReconcileResult error() { return {Kind::kError, 0}; }
  static ReconcileResult requeue() { return {Kind::kRequeue, 0}; }
  static ReconcileResult requeue_after(double d) {
    return d > 0 ? ReconcileResult{Kind::kRequeueAfter, d} : success();
  }
};

// Label values of controller_runtime_reconcile_total{result}.
inline const char* result_label(ReconcileResult::Kind k) {
  constexpr const char* names[] = {"success", "error", "requeue", "requeue_after"};
  return names[static_cast<int>(k)];
}
inline constexpr int kResultKinds = 4;

}  // namespace fleetsim::k8s
