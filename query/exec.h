// The executor: one operator object per plan node, pulling rows from its
// child into a single shared row buffer (each operator writes only the slots
// it binds, so no row is copied on the way up). Private to query/.
#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "query/engine.h"
#include "query/eval.h"
#include "query/plan.h"

namespace kg::query {

class Operator;

class Executor {
 public:
  Executor(const Plan& plan, const Graph& g, const QueryOptions& options);
  ~Executor();
  // Runs the plan, appending result rows (the RETURN columns) to `out`.
  void run(std::vector<std::vector<QValue>>& out);
  std::vector<std::pair<const PlanOp*, OpProfile>> profile() const;

  // For operators.
  const Graph& graph() const { return g_; }
  EvalContext& ctx() { return ctx_; }
  const QueryOptions& options() const { return opt_; }
  const Plan& plan() const { return plan_; }
  int slot_count() const { return plan_.bound.slot_count; }
  // Called in every inner loop: enforces the timeout.
  void tick() {
    if ((++ticks_ & 4095) == 0) check_deadline();
  }
  // Counts relationships walked by variable-length patterns and paths.
  void count_expansion();

 private:
  void check_deadline();
  std::unique_ptr<Operator> build(const PlanOp& op);

  const Plan& plan_;
  const Graph& g_;
  const QueryOptions& opt_;
  EvalContext ctx_;
  std::unique_ptr<Operator> root_;
  std::vector<std::unique_ptr<Operator>> predicates_;
  std::vector<Operator*> all_;
  uint64_t ticks_ = 0, expansions_ = 0;
  std::chrono::steady_clock::time_point deadline_;
  bool has_deadline_ = false;

  friend std::unique_ptr<Operator> make_operator(const PlanOp&, Executor&);
};

class Operator {
 public:
  Operator(const PlanOp& plan, Executor& x) : plan_(plan), x_(x) {}
  virtual ~Operator() = default;
  // Rewinds for another run of a sub-plan.
  virtual void reset() {
    if (child_) child_->reset();
  }
  bool next(Row& row);

  const PlanOp& plan() const { return plan_; }
  OpProfile profile;
  std::unique_ptr<Operator> child_;
  std::unique_ptr<Operator> sub_;

 protected:
  virtual bool produce(Row& row) = 0;
  const PlanOp& plan_;
  Executor& x_;
};

// Defined in exec_ops.cc: the operator for one plan node (children are
// attached by the Executor).
std::unique_ptr<Operator> make_operator(const PlanOp& op, Executor& x);

}  // namespace kg::query
