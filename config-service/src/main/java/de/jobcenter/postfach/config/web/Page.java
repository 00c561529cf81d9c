package de.jobcenter.postfach.config.web;

import de.jobcenter.postfach.config.access.StaffMember;

/**
 * What the layout of every page needs: the document title, the current navigation item, the signed-in person (none on
 * public pages) and a status message after an action.
 *
 * @param title the page's title (the layout adds the application's name; „Fehler: “ comes first when a form has errors)
 * @param nav the current navigation item: {@code dienststellen}, {@code pruefungen}, {@code rollout} or empty
 * @param staff who is signed in, or {@code null}
 * @param notice a status message (announced politely), or {@code null}
 */
public record Page(String title, String nav, Staff staff, String notice) {

    /** The signed-in person as the header shows them. */
    public record Staff(String name, String roles, boolean reviews, boolean centralAdmin) {
        static Staff of(StaffMember member) {
            return new Staff(
                    member.actor().name(),
                    WebFormat.roles(member),
                    member.has(StaffMember.Role.REVIEWER) || member.isCentralAdmin(),
                    member.isCentralAdmin());
        }
    }

    static Page of(String title, String nav, StaffMember member, String notice) {
        return new Page(title, nav, member == null ? null : Staff.of(member), notice);
    }

    public boolean signedIn() {
        return staff != null;
    }

    public boolean current(String item) {
        return item.equals(nav);
    }
}
