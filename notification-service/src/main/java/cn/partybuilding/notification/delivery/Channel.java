package cn.partybuilding.notification.delivery;

/** Outbound channels with their own delivery state; the inbox needs none (the notice is in it when issued). */
public enum Channel { EMAIL, WEBHOOK }
