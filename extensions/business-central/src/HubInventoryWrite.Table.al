/// One "set on-hand" write of the hub: written in the same transaction as its adjustment,
/// so the hub finds a write whose answer it lost (hubInventoryWrites, by Hub Reference),
/// and a repeated write with the same reference changes nothing.
table 50100 "Hub Inventory Write"
{
    Caption = 'Hub Inventory Write';
    DataClassification = SystemMetadata;

    fields
    {
        field(1; "Hub Reference"; Text[100]) { Caption = 'Hub Reference'; }
        field(2; "Item No."; Code[20]) { Caption = 'Item No.'; TableRelation = Item."No."; }
        field(3; "Location Code"; Code[10]) { Caption = 'Location Code'; TableRelation = Location.Code; }
        field(4; Quantity; Decimal) { Caption = 'Quantity'; DecimalPlaces = 0 : 5; }
        field(5; Adjustment; Decimal) { Caption = 'Adjustment'; DecimalPlaces = 0 : 5; }
        // When the hub's source counted the quantity (ms since 1970 UTC): a count older than
        // one written for the item and location is recorded without an adjustment.
        field(6; "Source Version"; BigInteger) { Caption = 'Source Version'; }
    }

    keys
    {
        key(PK; "Hub Reference") { Clustered = true; }
        key(ItemLocationVersion; "Item No.", "Location Code", "Source Version") { }
    }
}
