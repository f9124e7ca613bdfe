using KetCds.Contracts.V1;

namespace KetCds.Clinical.Internal;

/// <summary>The contract's source kind for a catalog document's <c>kind</c>.</summary>
internal static class SourceKinds
{
    public static SourceKind Of(string kind) => kind switch
    {
        "review-article" => SourceKind.ReviewArticle,
        "clinic-article" => SourceKind.ClinicArticle,
        "product-promotion" => SourceKind.ProductPromotion,
        _ => SourceKind.Other,
    };
}
