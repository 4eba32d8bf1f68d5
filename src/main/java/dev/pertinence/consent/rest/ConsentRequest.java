package dev.pertinence.consent.rest;

import dev.pertinence.consent.ConsentAnswer;
import dev.pertinence.consent.ConsentChannel;
import dev.pertinence.consent.ConsentPurpose;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Answers a person gave; each is kept unless a newer one for the same purpose and channel is stored")
public record ConsentRequest(@NotNull @NotEmpty @Size(max = 50) List<@NotNull @Valid Answer> consents) {

    @Schema(description = "One answer: offers on a channel, or profiling (no channel)")
    public record Answer(
            @NotNull ConsentPurpose purpose,
            @Schema(description = "Required for offers; absent for profiling") ConsentChannel channel,
            @NotNull Boolean granted,
            @Schema(description = "Where it was said (web-form, store, call-centre, crm, ...); 'api' when omitted")
            @Size(max = 64) String source,
            @Schema(description = "When it was said; now when omitted; not in the future") OffsetDateTime recordedAt) {
    }

    static List<ConsentAnswer> toAnswers(ConsentRequest request) {
        return request.consents().stream().map(answer -> new ConsentAnswer(answer.purpose(), answer.channel(), answer.granted(),
                answer.source(), answer.recordedAt() == null ? null : answer.recordedAt().toInstant())).toList();
    }
}
