/// The limits applied after each project's rule: unit caps, the core-duty
/// floor and the share of freed money.
extension Reallocation {
  /// Holds every unit's own total to `cap` × its total before by scaling
  /// back the raises of its projects (outside `skipping`) pro rata to
  /// each raise: with excess E and raises rₚ, each loses E · rₚ / Σ r.
  mutating func holdRaises(
    toUnitCap cap: Double, facts: ProjectFacts, skipping: [Bool]
  ) {
    var beforeOf = [Double](repeating: 0, count: facts.unitCount)
    var afterOf = beforeOf
    var raisesOf = beforeOf
    for p in before.indices {
      let u = Int(facts.unit[p])
      beforeOf[u] += before[p]
      afterOf[u] += after[p]
      if !skipping[p], after[p] > before[p] {
        raisesOf[u] += after[p] - before[p]
      }
    }
    var excess = [Double](repeating: 0, count: facts.unitCount)
    for u in 0..<facts.unitCount where raisesOf[u] > 0 {
      excess[u] = min(raisesOf[u], max(0, afterOf[u] - cap * beforeOf[u]))
    }
    for p in before.indices where !skipping[p] && after[p] > before[p] {
      let u = Int(facts.unit[p])
      guard excess[u] > 0 else { continue }
      let held = excess[u] * (after[p] - before[p]) / raisesOf[u]
      adjustment[p] = .unitCap(wanted: after[p])
      // A raise held back whole must leave the budget exactly as it was,
      // not a rounding above it (which would read as raised).
      let kept = after[p] - held
      after[p] = kept - before[p] <= 1e-12 * before[p] ? before[p] : kept
      heldByUnitCaps += held
    }
  }

  /// Undoes cuts of core-duty projects, pro rata to each cut, until their
  /// total is at least `floor` × their total before, both over the core
  /// projects that go on (those the rules leave a budget above 0);
  /// cancellations stay as they are. What cannot be met is
  /// `coreShortfall`.
  mutating func keepCoreFloor(_ floor: Double, facts: ProjectFacts) {
    var totalBefore = 0.0
    var totalAfter = 0.0
    var cuts = 0.0
    // Raises of core projects do not count toward the floor: a unit cap
    // may take them back afterwards, and the floor must still hold.
    for p in before.indices where facts.isCore[p] {
      // The floor is on the core projects that go on: one outside the
      // tree, cancelled, exited, completed or at its time limit is not.
      if after[p] == 0 { continue }
      if case .excluded = reason[p] { continue }
      totalBefore += before[p]
      totalAfter += min(after[p], before[p])
      if Self.undoable(reason[p]), after[p] < before[p] {
        cuts += before[p] - after[p]
      }
    }
    let deficit = floor * totalBefore - totalAfter
    guard deficit > 1e-12 * totalBefore else { return }
    let undone = min(deficit, cuts)
    coreShortfall = deficit - undone
    guard cuts > 0 else { return }
    for p in before.indices where facts.isCore[p] && Self.undoable(reason[p]) {
      guard after[p] < before[p] else { continue }
      adjustment[p] = .coreFloor(wanted: after[p])
      after[p] += undone * (before[p] - after[p]) / cuts
    }
  }

  /// A partial cut, which the core-duty floor may undo.
  private static func undoable(_ reason: Reason) -> Bool {
    switch reason {
    case .grade(_, .change(let r)): r < 0
    case .rectification(_, .cut, _, _): true
    case .priorityShare(_, let ratio): ratio < 0
    default: false
    }
  }

  /// Shares `amount` among `projects` pro rata to budget, each share
  /// capped by `maxRaise` and by its unit's room under the unit cap, by
  /// water-filling; the remainder is `unallocated`.
  mutating func share(
    _ amount: Double, among projects: [Int], facts: ProjectFacts
  ) {
    var room = [Double](repeating: .infinity, count: facts.unitCount)
    if let cap = scenario.rules.unitCap {
      var beforeOf = [Double](repeating: 0, count: facts.unitCount)
      var afterOf = beforeOf
      for p in before.indices {
        beforeOf[Int(facts.unit[p])] += before[p]
        afterOf[Int(facts.unit[p])] += after[p]
      }
      for u in 0..<facts.unitCount {
        room[u] = max(0, cap * beforeOf[u] - afterOf[u])
      }
    }
    var open = projects.filter { before[$0] > 0 }
    var remaining = amount
    var give = [Double](repeating: 0, count: before.count)
    while remaining > 0, !open.isEmpty {
      let base = open.reduce(0) { $0 + before[$1] }
      var closed: Set<Int> = []
      var wantedOf: [Int: Double] = [:]
      for p in open {
        give[p] = remaining * before[p] / base
        if let cap = scenario.maxRaise {
          let left = before[p] * (1 + cap) - after[p]
          if give[p] >= left {
            adjustment[p] = .raiseCap(wanted: after[p] + give[p])
            give[p] = left
            closed.insert(p)
          }
        }
        wantedOf[Int(facts.unit[p]), default: 0] += give[p]
      }
      var placed = 0.0
      for p in open {
        let u = Int(facts.unit[p])
        let wanted = wantedOf[u] ?? 0
        if wanted > room[u] {
          adjustment[p] = .unitCap(wanted: after[p] + give[p])
          give[p] *= room[u] / wanted
          closed.insert(p)
        }
        after[p] += give[p]
        placed += give[p]
      }
      for (u, wanted) in wantedOf {
        room[u] = max(0, room[u] - min(wanted, room[u]))
      }
      remaining -= placed
      if closed.isEmpty { remaining = 0 }
      open.removeAll { closed.contains($0) }
    }
    if amount < 0 {
      // Raises elsewhere exceed the cuts: the priority projects pay for
      // them pro rata, never below zero; what their budgets cannot cover
      // raises the total, and is reported.
      // Protected projects do not pay.
      let payers = projects.filter { !facts.isProtected[$0] }
      for p in projects where facts.isProtected[p] {
        adjustment[p] = .protected
      }
      let base = payers.reduce(0) { $0 + before[$1] }
      let paid = min(-amount, base)
      if base > 0 {
        for p in payers {
          after[p] = max(0, after[p] - paid * before[p] / base)
        }
      }
      uncovered = -amount - paid
      remaining = 0
    }
    unallocated = max(0, remaining)
    for p in projects {
      guard case .priorityShare(let grade, _) = reason[p] else { continue }
      let ratio = before[p] > 0 ? after[p] / before[p] - 1 : 0
      reason[p] = .priorityShare(grade, ratio)
    }
  }
}
