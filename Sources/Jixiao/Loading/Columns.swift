/// The columns of each data set file, with their Chinese aliases
/// (docs/format.md lists the same).
enum Columns {
  static let units = [
    ColumnSpec("id", ["单位编号", "单位代码"], required: true),
    ColumnSpec("name", ["单位名称"], required: true),
    ColumnSpec("parent", ["上级单位"]),
    ColumnSpec("level", ["层级"]),
    ColumnSpec("region", ["地区"]),
    ColumnSpec("members", ["会员人数", "会员数"]),
    ColumnSpec("payroll", ["职工工资总额", "工资总额"]),
  ]

  static let duties = [
    ColumnSpec("id", ["职责编号"], required: true),
    ColumnSpec("unit", ["单位编号"], required: true),
    ColumnSpec("name", ["部门职责", "职责名称"], required: true),
  ]

  static let activities = [
    ColumnSpec("id", ["活动编号"], required: true),
    ColumnSpec("duty", ["职责编号"], required: true),
    ColumnSpec("name", ["工作活动", "活动名称"], required: true),
  ]

  static let projects = [
    ColumnSpec("id", ["项目编号", "项目代码"], required: true),
    ColumnSpec("name", ["项目名称"], required: true),
    ColumnSpec("unit", ["单位编号", "实施单位"], required: true),
    ColumnSpec("activity", ["活动编号", "工作活动"]),
    ColumnSpec("category", ["类别", "项目类别"]),
    ColumnSpec("industry", ["行业", "所属行业"]),
    ColumnSpec("budget", ["全年预算数", "预算数"], required: true),
    ColumnSpec("executed", ["全年执行数", "执行数"], required: true),
    ColumnSpec("start_year", ["开始年度"]),
    ColumnSpec("end_year", ["结束年度"]),
    ColumnSpec("major", ["重大项目"]),
    ColumnSpec("provenance", ["来源"]),
  ]

  static let indicators = [
    ColumnSpec("project", ["项目编号"], required: true),
    ColumnSpec("id", ["指标编号", "指标代码"]),
    ColumnSpec("dimension", ["一级指标"], required: true),
    ColumnSpec("subdimension", ["二级指标"]),
    ColumnSpec("name", ["三级指标", "指标名称"], required: true),
    ColumnSpec("kind", ["指标性质", "指标类型"], required: true),
    ColumnSpec("operator", ["方向", "运算符"]),
    ColumnSpec("target", ["年度指标值", "目标值"]),
    ColumnSpec("actual", ["实际完成值"], required: true),
    ColumnSpec("unit", ["计量单位", "单位"]),
    ColumnSpec("weight", ["分值", "权重"], required: true),
    ColumnSpec("provenance", ["来源"]),
  ]

  /// spending.csv: the project and one column per month, `m01` … `m12`
  /// (aliases `1月` … `12月`, `m1` … `m9`).
  static let spending =
    [ColumnSpec("project", ["项目编号"], required: true)]
    + (1...12).map { month in
      ColumnSpec(Columns.month(month), ["\(month)月", "m\(month)"])
    }

  /// The English name of a month column.
  static func month(_ month: Int) -> String {
    month < 10 ? "m0\(month)" : "m\(month)"
  }
}
