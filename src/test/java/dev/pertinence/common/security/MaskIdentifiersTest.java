package dev.pertinence.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class MaskIdentifiersTest {

    @Test
    void identifiersEmailsAndPhonesAreMaskedCustomerIdsAreNot() {
        assertEquals("customer with identifier 'email:j*****************om' does not exist",
                MaskIdentifiers.mask("customer with identifier 'email:jane.doe@example.com' does not exist"));
        assertEquals("loyalty:4*****01 and phone:+*********01 for cu-42",
                MaskIdentifiers.mask("loyalty:49712201 and phone:+33612345601 for cu-42"));
        assertEquals("mail j*************om, call +*********01", MaskIdentifiers.mask("mail jane@example.com, call +33612345601"));
        assertEquals("nothing personal: cu-42, offer-7, 2026-01-01T00:00:00Z",
                MaskIdentifiers.mask("nothing personal: cu-42, offer-7, 2026-01-01T00:00:00Z"));
    }

    @Test
    void theFilterRewritesFormattedRecords() {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "Client problem %d: %s", ExtLogRecord.FormatStyle.PRINTF,
                MaskIdentifiersTest.class.getName());
        record.setParameters(new Object[] {404, "no customer has the identifier cookie:abc-123-secret"});
        new MaskIdentifiers().isLoggable(record);
        assertEquals("Client problem 404: no customer has the identifier cookie:a***********et", record.getFormattedMessage());
        assertFalse(record.getFormattedMessage().contains("abc-123"));
    }
}
