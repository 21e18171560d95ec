package cn.partybuilding.eventing.cluster;

import java.util.Optional;

/** This instance's name among the instances of its service: {@code eventing.instance-id}, else the host name (the pod's). */
public final class InstanceName {
    private InstanceName() {
    }

    public static String of(Optional<String> configured) {
        return configured.filter(id -> !id.isBlank()).orElseGet(InstanceName::hostName);
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("no host name to name this instance by; set eventing.instance-id", e);
        }
    }
}
