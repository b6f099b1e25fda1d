import Foundation
import Testing

@testable import Jixiao

/// Allocation programs whose optimum is known in closed form.
@Suite struct OptimalAllocationTests {
  /// Values per 万元 0.9, 0.7, 0.8, 0.5; floors 10; caps 50, 40, 30, 100;
  /// total 120. Greedy fill by value from the floors, 80 to place: item 1
  /// +40 (to its cap), item 3 +20 (cap), item 2 +20 of its 30 of room;
  /// item 4 stays at its floor. Item 2 is the marginal one, so one more
  /// 万元 is worth its 0.7; value 0.9·50 + 0.7·30 + 0.8·30 + 0.5·10 = 95.
  static func items(
    group: [Int32] = [-1, -1, -1, -1],
    core: [Bool] = [false, false, false, false]
  )
    -> [AllocationModel.Item]
  {
    let values = [0.9, 0.7, 0.8, 0.5]
    let caps = [50.0, 40, 30, 100]
    return (0..<4).map {
      .linear(
        floor: 10, cap: caps[$0], value: values[$0], group: group[$0],
        core: core[$0])
    }
  }

  @Test func linearIsGreedyByValuePerMoney() throws {
    let result = try AllocationModel(items: Self.items(), total: 120).solve()
    #expect(result.status == .optimal)
    #expect(
      zip(result.amounts, [50.0, 30, 30, 10]).allSatisfy { abs($0 - $1) < 1e-9 }
    )
    #expect(abs(result.value - 95) < 1e-9)
    #expect(abs((result.shadowPrice ?? .nan) - 0.7) < 1e-9)
    #expect(result.bindings == [.cap, .between, .cap, .floor])
  }

  /// Items 1 and 3 in a unit capped at 60: item 1 takes 50, item 3 keeps
  /// its floor of 10; item 2 fills to 40 and item 4 takes the last 10, so
  /// the shadow price is 0.5. One more 万元 of the unit's cap moves a 万元
  /// from item 4 (0.5) to item 3 (0.8): the unit row's dual is 0.3.
  @Test func unitCapBindsWithItsDual() throws {
    var model = AllocationModel(
      items: Self.items(group: [0, -1, 0, -1]), total: 120)
    model.groupFloor = [0]
    model.groupCap = [60]
    let result = try model.solve()
    #expect(
      zip(result.amounts, [50.0, 40, 10, 20]).allSatisfy { abs($0 - $1) < 1e-9 }
    )
    #expect(abs((result.shadowPrice ?? .nan) - 0.5) < 1e-9)
    #expect(abs(result.groupDuals[0] - 0.3) < 1e-9)
  }

  /// Item 4 a core duty with a 30 % minimum: it needs 36, so 26 go to it
  /// first; of the 54 left, item 1 takes 40 and item 3 14. One more 万元 of
  /// total raises the core need by 0.3 (worth 0.5·0.3) and leaves 0.7 for
  /// item 3 (0.8·0.7): 0.71. Lowering the need by one moves a 万元 from
  /// item 4 to item 3, +0.3, so the row's dual is −0.3.
  @Test func coreShareFloorBinds() throws {
    var model = AllocationModel(
      items: Self.items(core: [false, false, false, true]), total: 120)
    model.coreShare = 0.3
    let result = try model.solve()
    #expect(
      zip(result.amounts, [50.0, 10, 24, 36]).allSatisfy { abs($0 - $1) < 1e-9 }
    )
    #expect(abs((result.shadowPrice ?? .nan) - 0.71) < 1e-9)
    #expect(abs(result.coreDual + 0.3) < 1e-9)
  }

  /// Vᵢ(x) = wᵢ √x, w = 1, 2, 3, total 14. KKT (water-filling): every item
  /// takes wᵢ / (2√xᵢ) = λ, so xᵢ = (wᵢ / 2λ)², and Σ xᵢ = 14 gives λ = ½,
  /// x = 1, 4, 9, value 14. The chords of 2,000 pieces on [0, 20] land
  /// within one piece (0.01) and the shadow price near ½.
  @Test func concaveIsWaterFilling() throws {
    let items = [1.0, 2, 3].map { w in
      AllocationModel.Item.concave(floor: 0, cap: 20, pieces: 2000) {
        w * $0.squareRoot()
      }
    }
    let result = try AllocationModel(items: items, total: 14).solve()
    #expect(
      zip(result.amounts, [1.0, 4, 9]).allSatisfy {
        abs($0 - $1) <= 0.01 + 1e-9
      })
    #expect(abs(result.value - 14) < 1e-3)
    #expect(abs((result.shadowPrice ?? .nan) - 0.5) < 0.01)
  }

  /// All-or-nothing items of the knapsack of Cormen et al. §16.2 (values
  /// 60, 100, 120 for 10, 20, 30; 50 to spend) beside a divisible item
  /// worth 1 per 万元 up to 5: the integer optimum funds items 2 and 3
  /// (220) and nothing is left for the divisible one; the LP relaxation
  /// would have split item 1. No shadow price: integer programs have none.
  @Test func indivisibleItemsAreAKnapsack() throws {
    var items = zip([10.0, 20, 30], [60.0, 100, 120]).map { cap, value in
      var item = AllocationModel.Item(
        floor: 0, cap: cap, segments: [(cap, value / cap)])
      item.indivisible = true
      return item
    }
    items.append(.linear(floor: 0, cap: 5, value: 1))
    let result = try AllocationModel(items: items, total: 50).solve()
    #expect(result.status == .optimal)
    #expect(
      zip(result.amounts, [0.0, 20, 30, 0]).allSatisfy { abs($0 - $1) < 1e-9 })
    #expect(abs(result.value - 220) < 1e-9)
    #expect(result.shadowPrice == nil)
    #expect(abs(result.unallocated) < 1e-9)
    // With 55 to spend the divisible item takes the 5 left over: 225.
    let more = try AllocationModel(items: items, total: 55).solve()
    #expect(abs(more.value - 225) < 1e-9)
  }

  @Test func impossibleTotalsAndBadPieces() throws {
    // The floors need 40: a total of 30 cannot be met.
    let short = try AllocationModel(items: Self.items(), total: 30).solve()
    #expect(short.status == .infeasible && short.amounts.isEmpty)
    let rising = AllocationModel.Item(
      floor: 0, cap: 2, segments: [(1, 0.5), (1, 0.9)])
    #expect(throws: AllocationError.self) {
      _ = try AllocationModel(items: [rising], total: 1).solve()
    }
  }
}
