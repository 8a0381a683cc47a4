package dev.tailbench.tricks.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassMembersTest {

    @Test
    void groupsTrainingIndicesByClassInTrainingOrder() {
        ClassMembers members = new ClassMembers(new int[] {2, 0, 2, 2, 0}, new int[] {2, 0, 3});
        assertThat(members.classes()).isEqualTo(3);
        assertThat(members.size()).isEqualTo(5);
        assertThat(members.counts()).containsExactly(2, 0, 3);
        assertThat(members.membersOf(0)).containsExactly(1, 4);
        assertThat(members.membersOf(1)).isEmpty();
        assertThat(members.membersOf(2)).containsExactly(0, 2, 3);
        assertThat(members.member(2, 1)).isEqualTo(2);
        assertThat(members.largestCount()).isEqualTo(3);
        assertThat(members.smallestNonEmptyCount()).isEqualTo(2);
        assertThat(members.nonEmptyClasses()).isEqualTo(2);
    }

    @Test
    void countsTheClassesFromTheLabels() {
        ClassMembers members = ClassMembers.of(new int[] {2, 0, 2, 2, 0}, 4);
        assertThat(members.counts()).containsExactly(2, 0, 3, 0);
        assertThat(members.membersOf(2)).containsExactly(0, 2, 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClassMembers.of(new int[] {0, 4}, 4))
                .hasMessageContaining("label 4 of image 1");
    }
}
