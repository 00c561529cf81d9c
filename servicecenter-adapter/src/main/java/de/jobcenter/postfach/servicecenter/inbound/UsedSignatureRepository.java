package de.jobcenter.postfach.servicecenter.inbound;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Each signature accepted once across every replica: the primary key decides. A claim is part of the caller's
 * transaction, so a call that fails after the claim (invalid fields, Kafka away) rolls it back and the VCC may send
 * the same signed call again; two concurrent calls with one signature wait on the row, and the second finds it.
 */
@ApplicationScoped
public class UsedSignatureRepository implements PanacheRepositoryBase<UsedSignature, String> {

    /** @return whether this call is the first with the signature */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String signature, Instant now, Instant expiresAt) {
        return getEntityManager()
                        .createNativeQuery("""
                                insert into used_signature (signature, used_at, expires_at)
                                values (?1, ?2, ?3)
                                on conflict (signature) do nothing
                                """)
                        .setParameter(1, signature)
                        .setParameter(2, now)
                        .setParameter(3, expiresAt)
                        .executeUpdate()
                == 1;
    }

    @Transactional
    public long purgeExpired(Instant now) {
        return delete("expiresAt < ?1", now);
    }
}
