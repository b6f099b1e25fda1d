import Foundation

/// The names of weighting, normalisation and scoring methods in Chinese.
///
/// The analyses name their methods in English, composed from parts
/// ("AHP (eigenvector)", "expert points (mean) × entropy", "weighted
/// geometric mean (of values + 1, less 1), min-max"); a Chinese report
/// translates the parts, taking the first of the list (longest and most
/// specific first) that starts at each place.
extension Labels {
  func method(_ name: String) -> String {
    guard language == .chinese else { return name }
    // One pass, the longest part at each place, so a translation is
    // never translated again ("CRITIC (types ignored)" holds "CRITIC").
    var out = ""
    var rest = Substring(name)
    scan: while !rest.isEmpty {
      for (english, chinese) in Self.methodParts where rest.hasPrefix(english) {
        out += chinese
        rest = rest.dropFirst(english.count)
        continue scan
      }
      out.append(rest.removeFirst())
    }
    return out
  }

  /// English parts and their Chinese, longest and most specific first.
  static let methodParts: [(String, String)] = [
    ("weighted arithmetic mean", "加权算术平均"),
    ("weighted geometric mean", "加权几何平均"),
    ("weighted harmonic mean", "加权调和平均"),
    ("expert points (mean)", "专家打分（算术平均）"),
    ("expert points (geometric)", "专家打分（几何平均）"),
    ("CRITIC (types ignored)", "CRITIC 法（不分指标方向）"),
    ("PCA (first component)", "主成分分析法（第一主成分）"),
    ("standard deviation", "标准差法"),
    ("percentile rank", "百分位秩"),
    ("distance to reference", "与参照值的距离"),
    ("ratio to target", "与目标值之比"),
    ("geometric-mean", "几何平均法"),
    ("column-average", "列平均法"),
    ("eigenvector", "特征向量法"),
    ("goalposts", "目标区间"),
    ("entropy", "熵权法"),
    ("CRITIC", "CRITIC 法"),
    ("min-max", "极差标准化"),
    ("z-score", "Z 分数"),
    ("vector", "向量归一化"),
    ("equal", "等权"),
    ("given", "给定"),
    ("AHP", "层次分析法"),
    ("rank", "秩次"),
    ("sum", "和归一化"),
    ("of values", "对取值"),
    ("less", "再减"),
    (" (", "（"),
    (")", "）"),
    (", ", "，"),
  ]
}
