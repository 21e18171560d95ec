package cn.partybuilding.reporting.branch;

/**
 * What a party branch (党支部) did in a quarter, counted from the facts (see {@link BranchRanking} for how each becomes a
 * figure): the meeting slots the rules require and those it held, the study its members did against what their plan
 * required, and its members' exams.
 */
public record BranchFigures(String branchId, String branchName, String unitCode, String unitName, String secretaryId,
                            String secretaryName, int meetingsHeld, int meetingsRequired, int studyDone, int studyRequired,
                            int examined, int passed) {
}
