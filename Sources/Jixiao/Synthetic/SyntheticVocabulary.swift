/// Names, categories and indicator templates of synthetic data sets.
///
/// The categories and the shapes of their indicators follow the union
/// projects of docs/domain.md (§3, §8: 送温暖, 帮扶, training, model workers)
/// and the level-2 dimensions of the 财预〔2020〕10号 tree. No text here
/// holds a comma, quote or line break, so generated CSV needs no quoting.
enum SyntheticVocabulary {
  /// The 14 prefecture-level cities of Guangxi (the seed's province).
  static let cities = [
    "南宁", "柳州", "桂林", "梧州", "北海", "防城港", "钦州", "贵港", "玉林", "百色",
    "贺州", "河池", "来宾", "崇左",
  ]

  /// Institutions a federation runs (事业单位), by the kinds unions have.
  static let institutions = [
    "职工服务中心", "工人文化宫", "职工技能培训中心", "困难职工帮扶中心", "职工疗休养中心",
  ]

  /// How an indicator's target is drawn and its actual written.
  enum Scale {
    /// A count, log-uniform between the bounds, written as an integer.
    case count(ClosedRange<Double>)
    /// A percentage target between the bounds, 1 decimal, actual ≤ 100.
    case percent(ClosedRange<Double>)
    /// Money in 万元 or 元, log-uniform, 2 decimals; a `≤` cost.
    case money(ClosedRange<Double>)
    /// Days, an integer; a `≤` deadline.
    case days(ClosedRange<Double>)
  }

  /// A quantitative or qualitative indicator a project may carry.
  struct IndicatorTemplate {
    var subdimension: String
    var name: String
    /// nil for a qualitative row.
    var op: IndicatorOperator?
    var scale: Scale?
    var unit: String

    static func quantitative(
      _ sub: String, _ name: String, _ op: IndicatorOperator, _ scale: Scale,
      _ unit: String
    ) -> IndicatorTemplate {
      IndicatorTemplate(
        subdimension: sub, name: name, op: op, scale: scale, unit: unit)
    }

    static func qualitative(_ sub: String, _ name: String) -> IndicatorTemplate
    {
      IndicatorTemplate(
        subdimension: sub, name: name, op: nil, scale: nil, unit: "")
    }
  }

  /// A spending category: its duty, activities, project names and the
  /// indicators specific to it.
  struct Category {
    var name: String
    var duty: String
    var activities: [String]
    var projects: [String]
    var quantity: [IndicatorTemplate]
    var benefit: [IndicatorTemplate]
    /// Relative frequency among projects.
    var share: Double
  }

  static let categories: [Category] = [
    Category(
      name: "维权帮扶", duty: "维护职工合法权益，做好困难职工帮扶工作",
      activities: ["困难职工帮扶救助", "春节送温暖慰问", "职工医疗互助", "法律援助服务"],
      projects: ["送温暖资金", "困难职工生活救助", "金秋助学", "职工大病救助", "农民工法律援助"],
      quantity: [
        .quantitative("数量指标", "救助困难职工户数", .atLeast, .count(20...3000), "户"),
        .quantitative("数量指标", "慰问职工人次", .atLeast, .count(50...8000), "人次"),
        .quantitative("数量指标", "资助困难职工子女人数", .atLeast, .count(5...400), "人"),
      ],
      benefit: [
        .quantitative(
          "社会效益指标", "困难职工家庭生活改善率", .atLeast, .percent(80...95), "%"),
        .qualitative("社会效益指标", "党和政府温暖送到职工心坎"),
      ],
      share: 0.22),
    Category(
      name: "职工培训", duty: "组织职工技能培训和劳动竞赛，提高职工队伍素质",
      activities: ["职工技能培训", "劳动和技能竞赛", "职工创新工作室建设"],
      projects: ["职工技能提升培训", "职业技能竞赛", "农民工学历提升", "创新工作室补助"],
      quantity: [
        .quantitative("数量指标", "培训职工人次", .atLeast, .count(50...5000), "人次"),
        .quantitative("数量指标", "举办培训班期数", .atLeast, .count(2...60), "期"),
        .quantitative("数量指标", "参赛职工人数", .atLeast, .count(30...2000), "人"),
      ],
      benefit: [
        .quantitative("社会效益指标", "取得职业技能证书人数", .atLeast, .count(10...1500), "人"),
        .qualitative("可持续影响指标", "职工技能水平持续提升"),
      ],
      share: 0.16),
    Category(
      name: "职工活动", duty: "丰富职工精神文化生活，开展职工文体活动",
      activities: ["职工文体活动", "职工书屋建设", "全民健身活动"],
      projects: ["职工文化体育活动", "职工书屋补助", "劳动者之歌文艺汇演", "职工运动会"],
      quantity: [
        .quantitative("数量指标", "开展活动场次", .atLeast, .count(3...120), "场"),
        .quantitative("数量指标", "参与职工人次", .atLeast, .count(100...20000), "人次"),
      ],
      benefit: [
        .quantitative("社会效益指标", "职工参与率", .atLeast, .percent(60...90), "%"),
        .qualitative("社会效益指标", "职工凝聚力增强"),
      ],
      share: 0.16),
    Category(
      name: "劳模服务", duty: "弘扬劳模精神，做好劳动模范服务管理工作",
      activities: ["劳模慰问与补助", "劳模疗休养"],
      projects: ["劳模困难帮扶", "劳模疗休养", "劳模津贴补助", "劳模先进事迹宣传"],
      quantity: [
        .quantitative("数量指标", "慰问劳模人数", .atLeast, .count(10...800), "人"),
        .quantitative("数量指标", "组织疗休养批次", .atLeast, .count(1...20), "批"),
      ],
      benefit: [
        .qualitative("社会效益指标", "劳模精神得到弘扬"),
        .quantitative("社会效益指标", "劳模待遇落实率", .atLeast, .percent(95...100), "%"),
      ],
      share: 0.08),
    Category(
      name: "基层组织建设", duty: "推进基层工会组织建设，扩大工会组织覆盖面",
      activities: ["基层工会建会入会", "职工之家建设", "工会干部培训"],
      projects: ["新就业形态劳动者入会", "模范职工之家创建", "基层工会经费补助", "工会干部业务培训"],
      quantity: [
        .quantitative("数量指标", "新建基层工会个数", .atLeast, .count(2...300), "个"),
        .quantitative("数量指标", "新发展会员人数", .atLeast, .count(50...20000), "人"),
        .quantitative("数量指标", "建成职工之家个数", .atLeast, .count(1...80), "个"),
      ],
      benefit: [
        .quantitative("社会效益指标", "工会组织覆盖率", .atLeast, .percent(70...95), "%"),
        .qualitative("可持续影响指标", "基层工会作用有效发挥"),
      ],
      share: 0.14),
    Category(
      name: "宣传教育", duty: "加强职工思想政治引领和宣传教育",
      activities: ["工会宣传", "职工思想政治教育"],
      projects: ["工会宣传报道", "职工思想政治教育活动", "普法宣传"],
      quantity: [
        .quantitative("数量指标", "发布宣传稿件篇数", .atLeast, .count(10...600), "篇"),
        .quantitative("数量指标", "举办宣讲活动场次", .atLeast, .count(2...100), "场"),
      ],
      benefit: [
        .qualitative("社会效益指标", "职工思想政治素质提升"),
        .quantitative("社会效益指标", "宣传覆盖职工人数", .atLeast, .count(500...50000), "人"),
      ],
      share: 0.10),
    Category(
      name: "工会业务", duty: "履行工会基本职能，保障工会机关运转和业务开展",
      activities: ["工会经费收缴管理", "信息化建设", "资产维护"],
      projects: ["工会经费收缴业务", "智慧工会平台运维", "职工服务阵地维修改造", "工会财务审计"],
      quantity: [
        .quantitative("数量指标", "完成系统功能模块数", .atLeast, .count(2...30), "个"),
        .quantitative("数量指标", "维修改造面积", .atLeast, .count(100...8000), "平方米"),
        .quantitative("数量指标", "审计基层工会单位数", .atLeast, .count(5...300), "个"),
      ],
      benefit: [
        .quantitative("经济效益指标", "工会经费收缴率", .atLeast, .percent(85...98), "%"),
        .qualitative("可持续影响指标", "工会服务能力持续提升"),
      ],
      share: 0.14),
  ]

  /// Output rows every category may carry (quality, timeliness, cost).
  static let commonOutput: [IndicatorTemplate] = [
    .quantitative("质量指标", "资金使用合规率", .exactly, .percent(100...100), "%"),
    .quantitative("质量指标", "验收合格率", .atLeast, .percent(90...100), "%"),
    .quantitative("时效指标", "项目按期完成率", .atLeast, .percent(95...100), "%"),
    .quantitative("时效指标", "资金拨付用时", .atMost, .days(15...90), "天"),
    .quantitative("成本指标", "单位服务成本", .atMost, .money(50...2000), "元"),
    .quantitative("成本指标", "预算控制率", .atMost, .percent(100...100), "%"),
    .quantitative("质量指标", "档案资料完整率", .atLeast, .percent(95...100), "%"),
    .quantitative("时效指标", "资金支付进度", .atLeast, .percent(90...100), "%"),
    .qualitative("质量指标", "严格执行相关制度规定"),
  ]

  /// Benefit rows every category may carry (效益指标).
  static let commonBenefit: [IndicatorTemplate] = [
    .quantitative("社会效益指标", "受益职工人数", .atLeast, .count(50...20000), "人"),
    .qualitative("社会效益指标", "社会影响力扩大"),
    .qualitative("社会效益指标", "职工获得感增强"),
    .quantitative("可持续影响指标", "项目成果持续使用年限", .atLeast, .count(1...10), "年"),
    .qualitative("可持续影响指标", "长效工作机制建立"),
  ]

  /// Satisfaction rows (满意度指标).
  static let satisfaction: [IndicatorTemplate] = [
    .quantitative("服务对象满意度指标", "服务对象满意度", .atLeast, .percent(85...95), "%"),
    .quantitative("服务对象满意度指标", "职工满意度", .atLeast, .percent(85...95), "%"),
    .quantitative("服务对象满意度指标", "基层工会满意度", .atLeast, .percent(80...95), "%"),
  ]

  /// Targets of qualitative rows, as real tables write them.
  static let qualitativeTarget = "效果明显"

  /// Tier labels of the default scheme, best first.
  static let tiers = ["达成年度指标", "部分达成并具有一定效果", "未达成且效果较差"]
}
