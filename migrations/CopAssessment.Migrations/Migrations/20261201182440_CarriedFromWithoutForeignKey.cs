using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CopAssessment.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CarriedFromWithoutForeignKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Answers_AssessmentCycles_CarriedFromCycleId",
                table: "Answers");

            migrationBuilder.DropIndex(
                name: "IX_Answers_CarriedFromCycleId",
                table: "Answers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Answers_CarriedFromCycleId",
                table: "Answers",
                column: "CarriedFromCycleId");

            migrationBuilder.AddForeignKey(
                name: "FK_Answers_AssessmentCycles_CarriedFromCycleId",
                table: "Answers",
                column: "CarriedFromCycleId",
                principalTable: "AssessmentCycles",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }
    }
}
