package io.eventplatform.common.events;

/** Every aggregate the suite shares, each with its own topic, keyed by aggregate id. */
public enum AggregateType {
    USER("user", "platform.users"),
    ORGANIZATION("organization", "platform.organizations"),
    MEMBERSHIP("membership", "platform.memberships"),
    EVENT("event", "platform.events"),
    TICKET_TYPE("ticket_type", "platform.ticket-types"),
    TEMPLATE("template", "platform.templates"),
    REGISTRATION("registration", "platform.registrations");

    private final String wireName;
    private final String topic;

    AggregateType(String wireName, String topic) {
        this.wireName = wireName;
        this.topic = topic;
    }

    public String wireName() {
        return wireName;
    }

    public String topic() {
        return topic;
    }

    /** Where a message that cannot be processed goes, with the reason in its headers. */
    public String deadLetterTopic() {
        return topic + ".dlt";
    }

    public static AggregateType forTopic(String topic) {
        for (AggregateType type : values()) {
            if (type.topic.equals(topic)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Not a platform topic: " + topic);
    }
}
