/// Help texts of the command-line tool.
enum Help {
  static let version = "0.1.0"

  static let overview = """
    jixiao — budget performance management (预算绩效管理)

    Usage: jixiao <command> [options]

    Commands:
      check DATASET                 validate a data set; list every problem
      score DATASET                 score projects, grade them, roll up by unit
      simulate DATASET --scenario F budgets before and after a what-if scenario
      import TABLE.csv --mapping M --out DATASET
                                    turn a spreadsheet (CSV) into a data set
      standards DATASET [DATASET …] [--by KEYS]
                                    standard and benchmark values, quotas, target review
      efficiency DATASET | --table FILE --inputs A,B --outputs C
                                    DEA efficiency, cost-effectiveness, balance of funds
      transfers DATASET --total T   transfers to lower-level unions by formula (因素法)
      weights TABLE | --ahp M | --points P | --tree T
                                    weights: entropy, CRITIC, SD, PCA, AHP, expert
                                    points, indicator trees
      rank TABLE --weights W        scores and ranks: weighted means, TOPSIS, VIKOR
      fuzzy MEMBERSHIP --weights W | --ahp M
                                    fuzzy comprehensive evaluation (模糊综合评价)
      sensitivity DATASET           scores, grades and ranks under uncertain weights; Sobol
      generate --projects N --out DIR
                                    write a synthetic data set (docs/generate.md)
      help [COMMAND]                this text, or a command's options
      version                       the version

    Data set format: docs/format.md; scheme: docs/scheme.md.
    """

  static let commands: [String: (usage: String, text: String)] = [
    "help": (
      "jixiao help [COMMAND]",
      """
      Without COMMAND, lists the commands; with one, shows its usage and options.
      `jixiao COMMAND --help` does the same. The commands are check, score,
      simulate, import, standards, efficiency, transfers, weights, rank,
      fuzzy, sensitivity, generate, help and version.
      """
    ),
    "version": (
      "jixiao version",
      """
      Prints the version of jixiao.
      """
    ),
    "check": (
      "jixiao check DATASET [--scheme FILE] [--format table|csv|json] [--threads N] [--timings]",
      """
      Reads every file of DATASET and reports every problem with file:line:column
      and what to do. Exit status 1 when anything blocks scoring, 0 otherwise.

        --scheme FILE   use this scoring scheme instead of DATASET/scheme.json
        --format F      table (default), csv or json list of the diagnostics
        --threads N     cores that read the files (default: all)
        --timings       print the time of each file on standard error
      """
    ),
    "score": (
      "jixiao score DATASET [--scheme FILE] [--rounding R] [--format F] [--out DIR] [--lang L] [--detail] [--levels N] [--threads N] [--timings]",
      """
      Scores every project (财预〔2020〕10号 self-evaluation, or ratings), grades it
      优/良/中/差 and rolls scores up to activities, duties and units, weighted by budget.

        --scheme FILE     use this scoring scheme instead of DATASET/scheme.json
        --rounding R      round each row's points: none (default), integer, twoDecimals
        --format F        table (default), csv (project table) or json (all tables)
        --out DIR         write projects, indicators, by_activity, by_duty, by_unitTree
                          as CSV (or JSON with --format json), atomically
        --lang L          labels in en (default) or zh
        --detail          also print indicator rows and all roll-ups
        --levels N        show N levels of the unit tree on the terminal
        --threads N       cores that read and write files (default: all)
        --timings         print the time of each step on standard error
      """
    ),
    "simulate": (
      "jixiao simulate DATASET [--scenario FILE …] [--history FILE] [--years N [options] | --optimise [options]] [--scheme FILE] [--rounding R] [--format F] [--out DIR] [--lang L] [--detail] [--levels N] [--threads N] [--timings]",
      """
      Applies a result-application scenario (grade → budget change, optionally
      budget neutral, with rule sets: rectification cycles, exits, time limits,
      protected projects, unit caps, a core-duty floor) and shows budgets before
      and after, per unit and in total, and per project with the rule that set
      it. Scenario format: docs/simulate.md.

        --scenario FILE   the scenario (default: 优 +10 %, 良 keep, 中 −10 %, 差 cancel);
                          give it more than once to compare scenarios with the
                          baseline (budgets as they are) in one table
        --history FILE    earlier grades (project,year,grade) for the rectification cycle
        --scheme FILE     use this scoring scheme instead of DATASET/scheme.json
        --rounding R      round each row's points: none (default), integer, twoDecimals
        --format F        table (default), csv (project table) or json (all tables)
        --out DIR         write summary, units and projects files, atomically
        --lang L          labels in en (default) or zh
        --detail          list every project on the terminal
        --levels N        show N levels of the unit tree on the terminal
        --threads N       cores that read and write files (default: all)
        --timings         print the time of each step on standard error

      Multi-year runs (docs/simulate.md), for the baseline and every scenario:
        --years N         budget years to simulate after the data set's (1 to 20)
        --runs R          Monte Carlo runs (default 1000)
        --seed S          seed of the random streams (default 1; same seed, same numbers)
        --elasticity E    mean response of a score to its budget (default 0.2)
        --elasticity-spread D  its standard deviation across projects (default 0.1)
        --noise SD        yearly score noise in points (default 5)

      Optimal reallocation (docs/simulate.md), instead of a scenario:
        --optimise        budgets that maximise performance under a fixed total (CLP)
        --value V         concave (default: Σ expected scores) or linear (score/100 × money)
        --floor F         each project keeps at least F × its budget (default 0.5)
        --cap C           and gets at most C × its budget (default 1.5)
        --elasticity E    response of a score to its budget, 0 to 1 (default 0.2)
        --pieces N        linear pieces of the concave value (default 8)
        --total T         the total to share (default: the projects' budgets)
        --unit-cap U      a unit's shared budget rises at most to U × what it was
        --core-share S    at least S of the total to core-duty categories
        --indivisible P   none (default), major or all: those projects get their
                          budget or nothing (an integer program, COIN-OR CBC)
        --core-categories C  those categories (default 职工活动,工会业务,维权帮扶)
      """
    ),
    "import": (
      "jixiao import TABLE.csv --mapping MAP.json --out DATASET",
      """
      Turns a table with one row per project into a data set, as the mapping file
      says (docs/import.md). Every number is checked; nothing is written when a
      problem blocks the import.
      """
    ),
    "standards": (
      "jixiao standards DATASET [DATASET …] [--by KEYS] [--quantile-type N] [--outliers R] [--winsorize] [--standard S] [--trim F] [--benchmark B] [--min-group N] [--overshoot R] [--robust] [--codes FILE] [--scheme FILE] [--format F] [--out DIR] [--lang L] [--detail] [--threads N] [--timings]",
      """
      Distributions, standard values (标准值) and benchmark values (标杆值) of every
      comparable indicator and unit cost, per group of projects; expenditure quota
      standards (cost = fixed + variable × quantity); and a review of targets softer
      than the standard, the benchmark or last year's actual. Several data sets are
      several years: trends by year and each project's history. See docs/standards.md.

        --by KEYS          group by category, industry, level, region, year, unit
                           (comma-separated, coarsest first; default category)
        --quantile-type N  Hyndman–Fan type 1 to 9 (default 7)
        --outliers R       iqr (Tukey, k = 1.5; iqr:K), mad (robust z > 3.5; mad:Z) or none;
                           K and Z are plain decimals above 0 (3, 2.5)
        --winsorize        pull screened values in to the fence instead of leaving them out
                           (not with --outliers none)
        --standard S       median (default), mean or trimmed
        --trim F           share cut from each end for the trimmed mean (default 0.1)
        --benchmark B      pNN, a percentile in the good direction (default p80), or best
        --min-group N      smaller groups borrow from the group above (default 5)
        --overshoot R      actual beyond target × R is an overshoot (default 1.2)
        --robust           fit quotas by Huber's robust regression
        --codes FILE       a table name,code (指标名称,指标编号) joining rows worded apart
        --scheme FILE      use this scheme for every data set instead of its scheme.json
                           (the labels and points of ratings)
        --format F         table (default), csv (standards) or json (all tables)
        --out DIR          write every table, atomically
        --lang L           labels in en (default) or zh
        --detail           print every table on the terminal
        --threads N        cores that read the files and summarise groups (default: all)
        --timings          print the time of each step on standard error
      """
    ),
    "efficiency": (
      "jixiao efficiency DATASET [--level L] [--inputs M] [--outputs M] [--scenario F] [--core-categories C] [--elasticity E] [--balance-by S] [--scheme FILE] [--rounding R] [DEA options] [--format F] [--out DIR] [--lang L] [--detail] [--threads N] [--timings]\n       jixiao efficiency --table FILE --inputs COLS --outputs COLS [--id COL] [--prices COLS] [--period COL] [DEA options] [--format F] [--out DIR]",
      """
      Allocation efficiency (docs/efficiency.md). DEA in envelopment form on COIN-OR
      CLP: scores, slacks from a second program, peers with λ, targets; cost and
      allocative efficiency from input prices; the Malmquist index over periods.
      For a data set the units are its unions; it also gives the score per 万元 by
      project, category and unit, the share spent on core duties (主责主业) and the
      balance of funds per member (Gini, Theil, CV, max/min), before and after a
      scenario.

      DEA options:
        --returns R        crs (default), vrs, nirs or ndrs
        --orientation O    input (default: θ ≤ 1) or output (φ ≥ 1)
        --super            Andersen–Petersen super-efficiency; infeasible is a status
        --no-slacks        scores only, no second phase
        --full             one program over all units per unit (no reference-set
                           reduction; the same scores, slower)
        --scale            add scale efficiency and returns to scale (CRS, VRS, NIRS)

      Data set:
        --level L          DEA over the units of this level only (units.csv level),
                           such as grassroots; the other tables cover every level
        --inputs M         measures of the units, any of budget, executed, members,
                           points, good, projects (default executed)
        --outputs M        the same list (default points,good)
        --scenario F       the budgets of a scenario for the after columns (docs/simulate.md)
        --core-categories C  categories that are core duties (default 职工活动,工会业务,维权帮扶)
        --elasticity E     response of a score to its budget, 0 to 1 (default 0.2)
        --balance-by S     split Theil's T by region within each level (default), or
                           pool all units and split by level (members counted once)
        --scheme FILE      use this scoring scheme instead of DATASET/scheme.json
        --rounding R       round each row's points: none (default), integer, twoDecimals

      Wide table (one row a unit, or a unit and a period):
        --table FILE       a CSV table
        --inputs COLS      input columns; --outputs COLS output columns
        --id COL           the unit column (default: the first)
        --prices COLS      one price column per input: cost and allocative efficiency
        --period COL       a period column: DEA per period (in time order) and the
                           Malmquist index between consecutive periods

        --format F         table (default), csv or json
        --out DIR          write every table, atomically
        --lang L           labels in en (default) or zh
        --detail           print every table on the terminal
        --threads N        cores that solve the programs (default: all)
        --timings          print the time of each step on standard error
      """
    ),
    "weights": (
      "jixiao weights [TABLE [--method M,…] [--id C] [--criteria A,B,…] [--types +,-,…]] [--ahp MATRIX.csv … [--priority P] [--ri R] | --points POINTS.csv [--pooling P]] [--combine C] [--format F] [--out DIR] [--lang L]\n       jixiao weights --tree TREE.csv [--format F] [--out DIR] [--lang L]",
      """
      Weights of criteria (docs/weights.md): from a table of alternatives (one row
      each, one column per criterion) by entropy, CRITIC, standard deviation or PCA;
      from AHP pairwise comparison matrices (several are pooled by the geometric
      mean), with λmax, CI and CR; or from expert points (each expert shares 100).
      With --tree, the effective weights of an indicator system (指标体系).

        --method M,…       entropy, critic, critic-ignoring-types, sd, pca, equal
                           (default entropy,critic,sd)
        --id C             the alternative column (default: the first)
        --criteria A,B,…   the criterion columns (default: every other column)
        --types +,-,…      + benefit (default) or - cost, per criterion
        --ahp MATRIX.csv   a judgement matrix: header of criteria, one row each,
                           cells such as 3 or 1/3; give it again to pool experts
        --priority P       eigenvector (default), geometric-mean or column-average
        --ri R             saaty1980 (default), alonso-lamata, or RI(1),RI(2),…
        --points P.csv     one row per expert, one column per criterion, rows of 100
        --pooling P        mean (default) or geometric, for --points
        --combine C        multiplicative or linear:A, the judged weights with the
                           table's first method
        --tree TREE.csv    indicator,parent,weight per row (parent empty at the
                           top): shares summing to 1 per set of siblings, or
                           points (分值) summing up the tree; gives each
                           indicator's effective weight
        --format F         table (default), csv (weights) or json (all tables)
        --out DIR          write the tables, atomically
        --lang L           labels in en (default) or zh
      """
    ),
    "fuzzy": (
      "jixiao fuzzy MEMBERSHIP.csv (--weights W | --ahp MATRIX.csv …) [--votes] [--points P] [--id C] [--criterion C] [--priority P] [--ri R] [--format F] [--out DIR] [--lang L]",
      """
      Fuzzy comprehensive evaluation (模糊综合评价): for each alternative the
      membership matrix R (criteria × grades) and the criteria's weights w give
      B = w·R (the weighted-average operator M(·, +)); the grade is the one of
      largest membership, and the points Σ bₖvₖ weigh the grades' points.
      MEMBERSHIP.csv has one row per alternative and criterion and one column per
      grade, such as project,criterion,优,良,中,差. docs/weights.md.

        --weights W        one weight per criterion, in the order they first
                           appear, or name=weight (scaled to sum 1 if they do not)
        --ahp MATRIX.csv   weights from AHP judgements of the same criteria (give
                           it again to pool experts); --priority and --ri as for
                           jixiao weights
        --votes            the grade columns are counts (experts' votes, or
                           percentages): each row is divided by its sum
        --points P         one point value per grade column (default with four
                           grades: 95,85,70,50)
        --id C             the alternative column (default: the first)
        --criterion C      the criterion column (default: the second)
        --format F         table (default), csv (evaluation) or json (all tables)
        --out DIR          write the tables, atomically
        --lang L           labels in en (default) or zh
      """
    ),
    "rank": (
      "jixiao rank TABLE [--method M,…] [--weights W | --weight-method M] [--normalise N [--targets T --cap C | --references R | --goalposts G --scale S]] [--zero-offset E] [--v V] [--id C] [--criteria A,B,…] [--types +,-,…] [--format F] [--out DIR] [--lang L]",
      """
      Scores and ranks the alternatives of a table (one row each, one column per
      criterion) by several methods, and compares their rankings (Spearman,
      weighted Spearman, WS, Kendall τ_b). docs/weights.md.

        --method M,…       arithmetic, geometric, harmonic (weighted means of the
                           normalised values), topsis, vikor
                           (default arithmetic,topsis,vikor)
        --weights W        one weight per criterion, in order or name=weight
                           (scaled to sum 1 if they do not)
        --weight-method M  equal (default), or any --method of jixiao weights
        --normalise N      min-max (default, to [0, 1]; min-max:L:U to [L, U]),
                           z-score, rank, percentile-rank, vector (TOPSIS's
                           default), sum, or with a value per criterion (in
                           order, or name=value): target (--targets T,…
                           [--cap C], default 1), reference (--references
                           R,…) or goalposts (--goalposts L:U,… [--scale S],
                           default 1)
        --zero-offset E    geometric and harmonic means take x + E (default: a 0 is
                           an error)
        --v V              VIKOR's weight of the majority strategy (default 0.5)
        --id C, --criteria A,B,…, --types +,-,…   as for jixiao weights
        --format F         table (default), csv (ranking) or json (all tables)
        --out DIR          write the tables, atomically
        --lang L           labels in en (default) or zh
      """
    ),
    "sensitivity": (
      "jixiao sensitivity DATASET [--draws N] [--seed S] [--perturbation P] [--aggregations A,…] [--scales S,…] [--sobol N [--sampler S]] [--threshold X] [--scheme FILE] [--rounding R] [--format F] [--out DIR] [--lang L] [--detail] [--threads N] [--timings]\n       jixiao sensitivity --table T.csv [--weights W | --weight-method M] [--normalise N,…] [--types +,-,…] [--id C] [--criteria A,B,…] [--zero-offset E] [--draws N] [--seed S] [--perturbation P] [--aggregations A,…] [--format F] [--out DIR] [--lang L] [--threads N]",
      """
      How each project's score, grade and rank move when the weights of the
      scheme's dimensions are uncertain: a Monte Carlo over weight draws, with
      per project the mean, SD, 5–95 % band, the share of draws in each of the
      scheme's grades and below 60, and the rank's median and 5–95 % band. With
      --sobol, the Sobol first-order and total indices of the mean score, the
      share below 60 and the share in the top grade to each dimension's weight.
      Projects with a dimension that does not apply are left out.
      docs/sensitivity.md.

        --draws N          weight draws, 1 to 65535 (default 1000)
        --seed S           seed of the draws (default 1; same seed, same numbers)
        --perturbation P   uniform:X (default uniform:0.2: each weight × (1 ± X·U),
                           renormalised) or dirichlet:C (Dirichlet(C·w₀))
        --aggregations A   arithmetic (default), geometric, harmonic: the draws
                           cycle through them (geometric and harmonic on x + 1)
        --scales S         shares (default: 100 × achieved share), min-max,
                           percentile-rank (across projects): cycled with them
        --sobol N          the Saltelli design's N (a power of two, such as 4096)
        --sampler S        sobol (default: the Joe–Kuo sequence) or random
        --threshold X      the failing line the shares below count (default 60)
        --scheme FILE      use this scoring scheme instead of DATASET/scheme.json
        --rounding R       round each row's points: none (default), integer, twoDecimals
        --format F         table (default), csv (sensitivity) or json (all tables)
        --out DIR          write sensitivity and sobol_indices, atomically
        --lang L           labels in en (default) or zh
        --detail           list every project on the terminal
        --threads N        cores (default: all; the numbers do not depend on it)
        --timings          print the time of each step on standard error

      With --table, the same Monte Carlo on a wide table (one row per
      alternative, one column per criterion, as jixiao rank reads it): each
      alternative's score and rank at the weights, and the mean, SD, 5–95 %
      band of its score and the median and 5–95 % band of its rank.
        --table T.csv      the table; --id, --criteria, --types, --weights and
                           --weight-method as for jixiao rank
        --normalise N,…    min-max (default), min-max:L:U, z-score, rank,
                           percentile-rank, vector or sum: cycled with the
                           aggregations
        --zero-offset E    geometric and harmonic means take x + E
      """
    ),
    "transfers": (
      "jixiao transfers DATASET --total T [--level L] [--weights W] [--performance P] [--grade-points G] [--target X] [--neutral-score S] [--scheme FILE] [--rounding R] [--format F] [--out DIR] [--lang L] [--threads N] [--timings]",
      """
      Shares T among the units of one level by formula (因素法, docs/transfers.md):
      transfer = T × Σ w·share of the factors members, payroll (units.csv payroll,
      职工工资总额), performance (members × grade points, or members × score/100)
      and equalisation (members × max(0, target − own funds per member)). Shows
      each unit's shares, transfer and capacity before and after, and the balance
      of capacity (Gini, Theil within and between regions, CV, max/min) before,
      after and under an equal split of T per member.

        --total T          the amount to share, in the money unit (required)
        --level L          the receiving units' level (units.csv level; default:
                           the level below the roots)
        --weights W        factor=weight pairs summing to 1; factors not named weigh 0
                           (default members=0.4,payroll=0.2,performance=0.2,equalisation=0.2)
        --performance P    grade (default: points of the unit's grade) or score
        --grade-points G   points per grade, replacing those named
                           (default 优=1.2,良=1,中=0.8,差=0.5)
        --target X         equalisation target per member, in the unit of the tables
                           (元 for 万元; default: the members-weighted mean capacity)
        --neutral-score S  score of a unit without a scored project, 0 to 100
                           (default 80), or none: such a unit is an error
        --scheme FILE      use this scoring scheme instead of DATASET/scheme.json
        --rounding R       round each row's points: none (default), integer, twoDecimals
        --format F         table (default), csv (transfers table) or json (all tables)
        --out DIR          write transfers, transfers_summary, transfers_settings, atomically
        --lang L           labels in en (default) or zh
        --threads N        cores that read the files (default: all)
        --timings          print the time of each step on standard error
      """
    ),
    "generate": (
      "jixiao generate --projects N [--seed S] [--year Y] --out DIR [--threads N] [--timings]",
      """
      Writes a realistic synthetic data set of N projects (1 to 10,000,000): a
      union tree of province, cities, counties and grassroots units, duties and
      activities, projects with 5–20 indicator rows each, and monthly spending
      curves. The same seed gives the same files on every machine. The
      distributions are in docs/generate.md.

        --projects N   number of projects (about 10 indicator rows each)
        --seed S       seed of the random streams (default 1)
        --year Y       the budget year, 1950 to 2200 (default 2025)
        --out DIR      a new folder, or one made by an earlier generate
        --threads N    cores that generate (default: all; the files are the same)
        --timings      print the time taken on standard error
      """
    ),
  ]

  static func usage(for command: String) -> String? { commands[command]?.usage }

  static func text(for command: String) -> String? {
    guard let entry = commands[command] else { return nil }
    return "Usage: \(entry.usage)\n\n\(entry.text)"
  }
}
