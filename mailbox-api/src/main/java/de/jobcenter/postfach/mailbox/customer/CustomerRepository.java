package de.jobcenter.postfach.mailbox.customer;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

@ApplicationScoped
public class CustomerRepository implements PanacheRepositoryBase<Customer, String> {

    public Optional<Customer> findByCustomerNumber(String customerNumber) {
        return find("customerNumber", customerNumber).firstResultOptional();
    }

    /** Creates the customer's row unless another request of the same customer just did. */
    public void insertIfAbsent(String customerId, Instant now) {
        getEntityManager()
                .createNativeQuery("""
                        insert into customer (customer_id, notifications_enabled, first_seen_at, last_seen_at)
                        values (?1, false, ?2, ?2)
                        on conflict (customer_id) do nothing
                        """)
                .setParameter(1, customerId)
                .setParameter(2, now)
                .executeUpdate();
    }

    /** A customer number belongs to one customer: the one who signed in with it last. */
    public void releaseCustomerNumber(String customerNumber, String newOwner) {
        getEntityManager()
                .createNativeQuery(
                        "update customer set customer_number = null where customer_number = ?1 and customer_id <> ?2")
                .setParameter(1, customerNumber)
                .setParameter(2, newOwner)
                .executeUpdate();
    }
}
