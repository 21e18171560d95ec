package cn.partybuilding.assessment.demo;

import cn.partybuilding.assessment.indicator.ActivityType;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Attendees;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Definition;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Dimension;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Frequency;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Indicator;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Kind;
import cn.partybuilding.assessment.indicator.IndicatorSystem.StudyPlanEntry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo county's fixed facts: its units, the 2026 indicator system, and deterministic pseudo-random people and
 * quality figures (same seed, same county). Plain Java.
 */
public final class DemoCounty {
    public static final int YEAR = 2026;

    /** Unit name and category, in the order of the county's organs. */
    public static final String[][] UNITS = {
            {"县委办公室", "党委部门"}, {"县人大常委会办公室", "人大机关"}, {"县政府办公室", "政府部门"}, {"县政协办公室", "政协机关"},
            {"县纪委监委机关", "纪检监察机关"}, {"县委组织部", "党委部门"}, {"县委宣传部", "党委部门"}, {"县委统战部", "党委部门"},
            {"县委政法委", "党委部门"}, {"县发展和改革局", "政府部门"}, {"县教育局", "政府部门"}, {"县科学技术局", "政府部门"},
            {"县工业和信息化局", "政府部门"}, {"县公安局", "政府部门"}, {"县民政局", "政府部门"}, {"县司法局", "政府部门"},
            {"县财政局", "政府部门"}, {"县人力资源和社会保障局", "政府部门"}, {"县自然资源局", "政府部门"}, {"县生态环境分局", "政府部门"},
            {"县住房和城乡建设局", "政府部门"}, {"县交通运输局", "政府部门"}, {"县水利局", "政府部门"}, {"县农业农村局", "政府部门"},
            {"县商务局", "政府部门"}, {"县文化和旅游局", "政府部门"}, {"县卫生健康局", "政府部门"}, {"县退役军人事务局", "政府部门"},
            {"县应急管理局", "政府部门"}, {"县审计局", "政府部门"}, {"县市场监督管理局", "政府部门"}, {"县统计局", "政府部门"},
            {"县医疗保障局", "政府部门"}, {"县林业局", "政府部门"}, {"县信访局", "政府部门"}, {"县行政审批服务局", "政府部门"},
            {"县总工会", "群团组织"}, {"团县委", "群团组织"}, {"县妇联", "群团组织"}, {"县融媒体中心", "事业单位"},
    };

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴孔向汤";
    private static final String[] GIVEN = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
            "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "志强", "建国", "海燕", "玉兰", "晓东", "春梅",
            "国庆", "卫东", "建军", "丽娟", "晓燕", "永刚", "海波", "丹", "鹏", "辉", "斌", "宇", "浩", "凯", "婷", "雪", "琳", "晨",
            "欣怡", "子涵", "雨轩", "思远", "文博", "嘉怡", "俊杰", "立新", "红梅", "永红", "德明", "世杰", "家豪", "振华", "玉梅"};

    private DemoCounty() {
    }

    public static String unitCode(int index) {
        return String.format("U%03d", index + 1);
    }

    /** A person's name from the county's generator. */
    public static String name(Random random) {
        return SURNAMES.charAt(random.nextInt(SURNAMES.length())) + GIVEN[random.nextInt(GIVEN.length)];
    }

    /** The 2026 system: six dimensions weighted 25/25/20/10/10/10; one STUDY_RATE, one EXAM_PASS_RATE, one PLATFORM_POINTS. */
    public static Definition system2026() {
        return new Definition(new BigDecimal("5"), new BigDecimal("60"), List.of(
                dimension("POLITICAL", "政治建设", 25,
                        manual("POL-1", "落实“第一议题”制度", 40), manual("POL-2", "党组（党委）理论学习中心组学习", 30),
                        manual("POL-3", "落实意识形态工作责任制", 30)),
                dimension("IDEOLOGICAL", "思想建设", 25,
                        new Indicator("IDE-1", "周学月谈完成率", new BigDecimal("50"), Kind.STUDY_RATE,
                                List.of(ActivityType.WEEKLY_STUDY, ActivityType.MONTHLY_DISCUSSION, ActivityType.THEME_DAY), null),
                        new Indicator("IDE-2", "理论考试通过率", new BigDecimal("30"), Kind.EXAM_PASS_RATE, null, null),
                        new Indicator("IDE-3", "学习强国积分", new BigDecimal("20"), Kind.PLATFORM_POINTS, null, new BigDecimal("600"))),
                dimension("ORGANIZATIONAL", "组织建设", 20,
                        manual("ORG-1", "落实“三会一课”制度", 40), manual("ORG-2", "组织生活会和民主评议党员", 30),
                        manual("ORG-3", "党员教育管理和党费收缴", 30)),
                dimension("CONDUCT", "作风建设", 10,
                        manual("CON-1", "调查研究和为民服务", 50), manual("CON-2", "整治形式主义官僚主义", 50)),
                dimension("DISCIPLINE", "纪律建设", 10,
                        manual("DIS-1", "廉政教育和警示教育", 60), manual("DIS-2", "执行中央八项规定精神", 40)),
                dimension("RESPONSIBILITY", "责任落实", 10,
                        manual("RES-1", "党建工作责任清单落实", 50), manual("RES-2", "书记抓党建述职评议", 50))),
                List.of(new StudyPlanEntry(ActivityType.WEEKLY_STUDY, Frequency.WEEKLY, Attendees.ALL_MEMBERS),
                        new StudyPlanEntry(ActivityType.MONTHLY_DISCUSSION, Frequency.MONTHLY, Attendees.ALL_MEMBERS),
                        new StudyPlanEntry(ActivityType.THEME_DAY, Frequency.MONTHLY, Attendees.ALL_MEMBERS),
                        new StudyPlanEntry(ActivityType.GROUP_MEETING, Frequency.MONTHLY, Attendees.ALL_MEMBERS),
                        new StudyPlanEntry(ActivityType.BRANCH_COMMITTEE, Frequency.MONTHLY, Attendees.COMMITTEE_MEMBERS),
                        new StudyPlanEntry(ActivityType.BRANCH_ASSEMBLY, Frequency.QUARTERLY, Attendees.ALL_MEMBERS),
                        new StudyPlanEntry(ActivityType.QUARTERLY_LECTURE, Frequency.QUARTERLY, Attendees.ALL_MEMBERS),
                        new StudyPlanEntry(ActivityType.EXAM, Frequency.HALF_YEARLY, Attendees.DEPUTY_DIVISION_OR_ABOVE),
                        new StudyPlanEntry(ActivityType.ANNUAL_REVIEW, Frequency.YEARLY, Attendees.ALL_MEMBERS)));
    }

    /** The MANUAL indicators of the 2026 system with their maximum points. */
    public static List<Indicator> manualIndicators() {
        List<Indicator> out = new ArrayList<>();
        system2026().dimensions().forEach(d -> d.indicators().stream().filter(i -> i.kind() == Kind.MANUAL).forEach(out::add));
        return out;
    }

    private static Dimension dimension(String code, String name, int weight, Indicator... indicators) {
        return new Dimension(code, name, new BigDecimal(weight), List.of(indicators));
    }

    private static Indicator manual(String code, String name, int maxPoints) {
        return new Indicator(code, name, new BigDecimal(maxPoints), Kind.MANUAL, null, null);
    }
}
