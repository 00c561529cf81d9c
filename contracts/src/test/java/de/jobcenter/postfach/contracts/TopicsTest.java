package de.jobcenter.postfach.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TopicsTest {

    @Test
    void everyTopicIsDistinct() {
        assertThat(Topics.all()).hasSize(11).doesNotHaveDuplicates();
        assertThat(Topics.allWithDeadLetterTopics()).hasSize(22).doesNotHaveDuplicates();
    }

    @Test
    void everyTopicHasADeadLetterTopic() {
        assertThat(Topics.allWithDeadLetterTopics()).containsAll(Topics.all());
        assertThat(Topics.all())
                .allSatisfy(
                        topic -> assertThat(Topics.allWithDeadLetterTopics()).contains(topic + ".dlq"));
    }

    @Test
    void theDeadLetterTopicOfATopicEndsInDlq() {
        assertThat(Topics.dlq(Topics.CUSTOMER_MESSAGES)).isEqualTo("postfach.customer-messages.dlq");
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void everyChannelHasItsOwnRoutedTopic(Channel channel) {
        assertThat(Topics.routed(channel)).startsWith("postfach.routed.").isIn(Topics.all());
    }

    @Test
    void theRoutedTopicsAreTheThreeOfTheTopicTable() {
        assertThat(EnumSet.allOf(Channel.class).stream().map(Topics::routed).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        "postfach.routed.eakte", "postfach.routed.outlook", "postfach.routed.servicecenter");
    }

    @Test
    void onlyTheOfficeConfigurationAndTheNotificationPreferencesAreCompacted() {
        assertThat(Topics.compacted())
                .containsExactlyInAnyOrder("postfach.office-config", "postfach.notification-preferences");
        assertThat(Topics.all()).containsAll(Topics.compacted());
    }
}
