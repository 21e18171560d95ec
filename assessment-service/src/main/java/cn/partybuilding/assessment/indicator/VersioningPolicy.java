package cn.partybuilding.assessment.indicator;

/**
 * Which version a change to a year's indicator system gets: the first definition is version 1; while the current
 * version has no score it is replaced in place (same number); once any score points at it, the change becomes
 * version n+1 and the scored version stays frozen. An identical definition changes nothing.
 */
public final class VersioningPolicy {
    public enum Action { CREATE_FIRST, REPLACE_CURRENT, CREATE_NEXT, UNCHANGED }

    public record Decision(Action action, int version) {
    }

    private VersioningPolicy() {
    }

    public static Decision decide(Integer currentVersion, boolean currentIsScored, boolean sameAsCurrent) {
        if (currentVersion == null) {
            return new Decision(Action.CREATE_FIRST, 1);
        }
        if (sameAsCurrent) {
            return new Decision(Action.UNCHANGED, currentVersion);
        }
        return currentIsScored
                ? new Decision(Action.CREATE_NEXT, currentVersion + 1)
                : new Decision(Action.REPLACE_CURRENT, currentVersion);
    }
}
