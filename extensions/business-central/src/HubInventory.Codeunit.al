/// The logic behind the hub's actions.
codeunit 50100 "Hub Inventory"
{
    Permissions = tabledata "Hub Inventory Write" = RI;

    /// Sets the on-hand quantity of Item at LocationCode to Quantity, as counted at
    /// SourceVersion (ms since 1970 UTC): the difference is posted as a Positive/Negative Adjmt.
    /// through codeunit "Adjust Item Inventory", and the write is recorded under HubReference.
    /// A reference already recorded changes nothing. A count older than one already written
    /// for the item and location is recorded with no adjustment: a request BC runs after its
    /// caller gave up on it (and then wrote a newer count) must not set the older quantity.
    procedure SetInventory(var Item: Record Item; LocationCode: Code[10]; Quantity: Decimal; HubReference: Text[100]; SourceVersion: BigInteger)
    var
        HubWrite: Record "Hub Inventory Write";
        NewerWrite: Record "Hub Inventory Write";
        Location: Record Location;
        TempItemJournalLine: Record "Item Journal Line" temporary;
        AdjustItemInventory: Codeunit "Adjust Item Inventory";
        Current: Decimal;
        ErrorText: Text;
    begin
        if HubReference = '' then
            Error(HubReferenceMissingErr);
        if HubWrite.Get(HubReference) then
            exit;
        if Quantity < 0 then
            Error(NegativeQuantityErr);
        Location.Get(LocationCode);
        Item.SetRange("Location Filter", LocationCode);
        Item.CalcFields(Inventory);
        Current := Item.Inventory;
        NewerWrite.SetCurrentKey("Item No.", "Location Code", "Source Version");
        NewerWrite.SetRange("Item No.", Item."No.");
        NewerWrite.SetRange("Location Code", LocationCode);
        NewerWrite.SetFilter("Source Version", '>%1', SourceVersion);
        if not NewerWrite.IsEmpty() then
            Current := Quantity;
        if Quantity <> Current then begin
            TempItemJournalLine.Init();
            TempItemJournalLine."Line No." := 10000;
            TempItemJournalLine."Item No." := Item."No.";
            TempItemJournalLine."Location Code" := LocationCode;
            TempItemJournalLine.Quantity := Quantity;
            TempItemJournalLine."Qty. (Calculated)" := Current;
            TempItemJournalLine.Insert();
            ErrorText := AdjustItemInventory.PostMultipleAdjustmentsToItemLedger(TempItemJournalLine);
            if ErrorText <> '' then
                Error(ErrorText);
        end;
        HubWrite.Init();
        HubWrite."Hub Reference" := HubReference;
        HubWrite."Item No." := Item."No.";
        HubWrite."Location Code" := LocationCode;
        HubWrite.Quantity := Quantity;
        HubWrite.Adjustment := Quantity - Current;
        HubWrite."Source Version" := SourceVersion;
        HubWrite.Insert();
    end;

    /// Sets each Item line's "Qty. to Receive" to its quantity in Lines (JSON text,
    /// [{"sequence": <Line No.>, "quantity": <n>}], 0 when not listed) and "Qty. to Invoice"
    /// to 0, then posts a receipt only (Receive = true, Invoice = false), numbered
    /// ReceiptNumber, so the standard purchaseReceipts API finds it. Quantities and posting
    /// share one transaction: a post BC finishes after its caller gave up books its own
    /// quantities, never those another receipt set on the lines in the meantime.
    procedure ReceiveOnly(var PurchaseHeader: Record "Purchase Header"; ReceiptNumber: Code[20]; Lines: Text)
    var
        PurchRcptHeader: Record "Purch. Rcpt. Header";
    begin
        if ReceiptNumber = '' then
            Error(ReceiptNumberMissingErr);
        if PurchRcptHeader.Get(ReceiptNumber) then
            Error(ReceiptExistsErr, ReceiptNumber);
        PurchaseHeader.TestField("Document Type", PurchaseHeader."Document Type"::Order);
        PurchaseHeader.TestField(Status, PurchaseHeader.Status::Released);
        SetQuantitiesToReceive(PurchaseHeader, Lines);
        PurchaseHeader.Receive := true;
        PurchaseHeader.Invoice := false;
        PurchaseHeader."Receiving No." := ReceiptNumber;
        PurchaseHeader."Vendor Shipment No." := ReceiptNumber;
        PurchaseHeader.Modify();
        Codeunit.Run(Codeunit::"Purch.-Post", PurchaseHeader);
    end;

    local procedure SetQuantitiesToReceive(PurchaseHeader: Record "Purchase Header"; Lines: Text)
    var
        PurchaseLine: Record "Purchase Line";
        Quantities: Dictionary of [Integer, Decimal];
        Entries: JsonArray;
        Entry: JsonToken;
        Field: JsonToken;
        LineNo: Integer;
        Quantity: Decimal;
    begin
        if not Entries.ReadFrom(Lines) then
            Error(LinesInvalidErr);
        foreach Entry in Entries do begin
            if not Entry.AsObject().Get('sequence', Field) then
                Error(LinesInvalidErr);
            LineNo := Field.AsValue().AsInteger();
            if not Entry.AsObject().Get('quantity', Field) then
                Error(LinesInvalidErr);
            Quantity := Field.AsValue().AsDecimal();
            Quantities.Set(LineNo, Quantity);
        end;
        PurchaseLine.SetRange("Document Type", PurchaseHeader."Document Type");
        PurchaseLine.SetRange("Document No.", PurchaseHeader."No.");
        PurchaseLine.SetRange(Type, PurchaseLine.Type::Item);
        if PurchaseLine.FindSet(true) then
            repeat
                if not Quantities.Get(PurchaseLine."Line No.", Quantity) then
                    Quantity := 0;
                PurchaseLine.Validate("Qty. to Receive", Quantity);
                PurchaseLine.Validate("Qty. to Invoice", 0);
                PurchaseLine.Modify(true);
            until PurchaseLine.Next() = 0;
    end;

    var
        LinesInvalidErr: Label 'lines must be JSON text: [{"sequence": <line no.>, "quantity": <n>}].';
        HubReferenceMissingErr: Label 'hubReference is required.';
        NegativeQuantityErr: Label 'Quantity must not be negative.';
        ReceiptNumberMissingErr: Label 'receiptNumber is required.';
        ReceiptExistsErr: Label 'The Purch. Rcpt. Header already exists. Identification fields and values: No.=''%1''', Comment = '%1 = receipt number';
}
